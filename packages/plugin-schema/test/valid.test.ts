import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/valid.js';

const container = (extra: string) => `- name: app\n  image: ghcr.io/acme/app:1.0\n${extra}`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Backup, plural: backups}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          required: [spec]
          properties:
            spec:
              type: object
              required: [schedule]
              properties:
                schedule: {type: string}
                keep: {type: integer}
                mode: {type: string, enum: [full, incremental]}
                port: {x-kubernetes-int-or-string: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
`;
const backup = (spec: string) => `apiVersion: example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n${spec}`;

// Container lines start at 13 in a Deployment: a field in the container's third line is at line 15, column 11.
new RuleTester().run('schema/valid', rule, {
  valid: [
    { name: 'a correct Deployment', code: workload('Deployment', container('  ports: [{containerPort: 8080, name: http}]\n  resources: {requests: {cpu: 100m, memory: 1Gi}, limits: {memory: 1Gi}}\n')) },
    { name: 'int-or-string accepts both', code: workload('Pod', container('  readinessProbe: {httpGet: {path: /, port: http}}\n  livenessProbe: {httpGet: {path: /, port: 8080}}\n')) },
    { name: 'quantities as numbers or strings', code: workload('StatefulSet', container('  resources: {requests: {cpu: 1, memory: 512Mi}}\n')) },
    { name: 'a null field is unset', code: workload('DaemonSet', container('  env:\n')) },
    { name: 'maps accept any key', code: workload('CronJob', container(''), 'nodeSelector: {any/key: value}') },
    { name: 'a custom resource matching its CRD', code: crd + backup('  schedule: "0 3 * * *"\n  keep: 7\n  port: http\n  extra: {anything: [1, 2]}\n') },
    { name: 'a kustomize patch is a partial object', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{name: api, resources: {limits: {memory: 1Gi}}}]\n', filename: 'overlays/prod/memory-patch.yaml' },
    { name: 'a $patch directive', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: loadgen}\n$patch: delete\n' },
    { name: 'an unknown kind is not this rule\'s business', code: 'apiVersion: example.com/v1\nkind: Mystery\nmetadata: {name: x}\nspec: {whatever: 1}\n' },
  ],
  invalid: [
    {
      name: 'a misspelt field, reported at its key with a suggestion',
      code: workload('Deployment', container('  livenessprobe: {httpGet: {path: /, port: 8080}}\n')),
      errors: [
        {
          messageId: 'unknown',
          message: 'Unknown field `livenessprobe` in Container; did you mean `livenessProbe`? The API server rejects it, or silently drops it under lenient validation.',
          line: 15,
          column: 11,
        },
      ],
    },
    {
      name: 'wrong types, at the value, one finding each',
      code: workload('StatefulSet', container('  ports: [{containerPort: "8080"}]\n  env: [{name: LEVEL, value: 3}]\n')),
      errors: [
        { messageId: 'type', message: '`containerPort` in ContainerPort must be an integer, not a string.', line: 15, column: 35 },
        { messageId: 'type', message: '`value` in EnvVar must be a string, not an integer.', line: 16, column: 38 },
      ],
    },
    {
      name: 'a missing required field, and an unknown field without a close match',
      code: workload('Pod', '- image: x\n  frobnicate: true\n'),
      errors: [
        { messageId: 'required', message: 'Container is missing the required field `name`.', line: 8, column: 7 },
        { messageId: 'unknown', data: { field: 'frobnicate', owner: 'Container', suggestion: '.' }, line: 9, column: 7 },
      ],
    },
    {
      name: 'a quantity that is a list',
      code: workload('CronJob', container('  resources: {limits: {memory: [1Gi]}}\n')),
      errors: [{ messageId: 'type', data: { field: 'memory', owner: 'ResourceRequirements', expected: 'a quantity (a number or a string such as 500m or 1Gi)', actual: 'a list' }, line: 16, column: 36 }],
    },
    {
      name: 'int-or-string given a mapping',
      code: workload('DaemonSet', container('  readinessProbe: {httpGet: {path: /, port: {number: 8080}}}\n')),
      errors: [{ messageId: 'type', data: { field: 'port', owner: 'HTTPGetAction', expected: 'an integer or a string', actual: 'a mapping' }, line: 15, column: 47 }],
    },
    {
      name: 'a custom resource against its CRD',
      code: crd + backup('  keep: "7"\n  retention: 3\n  mode: differential\n'),
      errors: [
        { messageId: 'required', data: { field: 'schedule', owner: 'Backup' }, line: 32, column: 1 },
        { messageId: 'type', data: { field: 'keep', owner: 'Backup', expected: 'an integer', actual: 'a string' }, line: 33, column: 9 },
        { messageId: 'unknown', data: { field: 'retention', owner: 'Backup', suggestion: '.' }, line: 34, column: 3 },
        { messageId: 'enum', message: '`mode` in Backup must be one of "full", "incremental".', line: 35, column: 9 },
      ],
    },
  ],
});
