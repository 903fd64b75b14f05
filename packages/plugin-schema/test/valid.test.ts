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
const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n${spec}`;
const spread = (constraint: string) => workload('Deployment', container(''), `topologySpreadConstraints:\n  - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: api}}, ${constraint}}`);
const backup = (spec: string) => `apiVersion: example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n${spec}`;

const crdOnly = crd.replace(/---\n$/, '');
// Another release of the same CRD: `retention` added, `schedule` no longer required.
const newerCrd = crdOnly.replace('required: [schedule]', 'required: []').replace('keep: {type: integer}', 'keep: {type: integer}\n                retention: {type: integer}');

// Container lines start at 13 in a Deployment: a field in the container's third line is at line 15, column 11.
const unlabeled = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: metrics}\nspec:\n  template:\n    spec:\n      containers: [{name: metrics, image: x}]\n';

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
    { name: 'a PDB with one of minAvailable and maxUnavailable, at 100%', code: pdb('  maxUnavailable: 100%\n') },
    { name: 'a spread constraint the API server accepts', code: spread('maxSkew: 1, minDomains: 3, whenUnsatisfiable: DoNotSchedule') },
    { name: 'a selector that selects a subset of the template labels', code: workload('Deployment', container('')).replace('labels: {app: api}', 'labels: {app: api, tier: web}') },
    { name: 'the enums the API server enforces, with valid values', code: workload('Pod', container('  imagePullPolicy: IfNotPresent\n  ports: [{containerPort: 80, protocol: UDP}]\n'), 'restartPolicy: Never\ndnsPolicy: ClusterFirstWithHostNet') },
    {
      name: 'a CRD applied elsewhere may be another release: unknown fields and enum values are not reported against it',
      code: backup('  schedule: "0 3 * * *"\n  retention: 3\n  mode: differential\n'),
      filename: 'examples/backup.yaml',
      files: { 'install/crds.yaml': crdOnly },
    },
    {
      name: 'CRDs elsewhere that disagree on the schema: which one the cluster has is unknown, nothing is checked',
      code: backup('  keep: "7"\n'),
      filename: 'examples/backup.yaml',
      files: { 'install/v1/crds.yaml': crdOnly, 'install/v2/crds.yaml': newerCrd },
    },
    {
      name: 'the CRD applied with the object wins over another release elsewhere',
      code: backup('  retention: 3\n'),
      filename: 'federation/backup.yaml',
      files: { 'federation/crds.yaml': newerCrd, 'quickstart/crds.yaml': crdOnly },
    },
    {
      name: 'kustomize writes the selector and template labels of a file its `commonLabels` kustomization builds',
      code: unlabeled,
      filename: 'manifests/base/deployment.yaml',
      files: { 'manifests/base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels: {k8s-app: metrics}\nresources: [deployment.yaml]\n' },
    },
    {
      name: 'likewise for `labels` with includeSelectors, through an overlay that builds the base',
      code: unlabeled,
      filename: 'deploy/base/deployment.yaml',
      files: {
        'deploy/base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n',
        'deploy/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nlabels:\n  - pairs: {app: metrics}\n    includeSelectors: true\nresources: [../base]\n',
      },
    },
    {
      name: 'a chainsaw or kuttl step beside assertion files is merged over the live object: missing required fields are not reported',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: collector\n  annotations: {manual: "true"}\nspec:\n  template:\n    metadata:\n      annotations: {manual: "true"}\n',
      filename: 'tests/e2e/annotations/02-annotate.yaml',
      files: { 'tests/e2e/annotations/02-assert.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: collector}\n' },
    },
    {
      name: 'kubectl reads YAML 1.1 booleans: `on` and `no` in a boolean field are booleans for the API server',
      code: workload('Deployment', container('  stdin: on\n  tty: no\n')),
    },
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
      errors: [{ messageId: 'type', data: { field: 'memory', owner: 'ResourceRequirements', expected: 'a quantity (a number or a string such as 500m or 1Gi)', actual: 'a list' }, line: 16, column: 44 }],
    },
    {
      name: 'int-or-string given a mapping',
      code: workload('DaemonSet', container('  readinessProbe: {httpGet: {path: /, port: {number: 8080}}}\n')),
      errors: [{ messageId: 'type', data: { field: 'port', owner: 'HTTPGetAction', expected: 'an integer or a string', actual: 'a mapping' }, line: 15, column: 53 }],
    },
    {
      name: 'a wrong list where a scalar belongs is reported at the list itself',
      code: workload('Deployment', container('  image: [nginx]\n').replace('  image: ghcr.io/acme/app:1.0\n', '')),
      errors: [{ messageId: 'type', data: { field: 'image', owner: 'Container', expected: 'a string', actual: 'a list' }, line: 14, column: 18 }],
    },
    {
      name: 'enums the vendored OpenAPI lacks: imagePullPolicy, restartPolicy, protocol, Service type',
      code: workload('Pod', container('  imagePullPolicy: always\n  ports: [{containerPort: 80, protocol: tcp}]\n'), 'restartPolicy: Sometimes') + '---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  type: Loadbalancer\n  ports: [{port: 80}]\n',
      errors: [
        { messageId: 'enum', message: '`imagePullPolicy` in Container must be one of "Always", "IfNotPresent", "Never".', line: 10, column: 24 },
        { messageId: 'enum', data: { field: 'protocol', owner: 'ContainerPort', allowed: '"TCP", "UDP", "SCTP"' }, line: 11, column: 45 },
        { messageId: 'enum', data: { field: 'restartPolicy', owner: 'PodSpec', allowed: '"Always", "OnFailure", "Never"' }, line: 12, column: 18 },
        { messageId: 'enum', data: { field: 'type', owner: 'ServiceSpec', allowed: '"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"' }, line: 18, column: 9 },
      ],
    },
    {
      name: 'topology spread: maxSkew and minDomains at least 1, whenUnsatisfiable an enum',
      code: spread('maxSkew: 0, minDomains: 0, whenUnsatisfiable: DoNotSchedule') + '---\n' + spread('maxSkew: 1, whenUnsatisfiable: Never'),
      errors: [
        { messageId: 'minimum', message: '`maxSkew` in TopologySpreadConstraint must be at least 1, not 0: the API server rejects it.', line: 16, column: 105 },
        { messageId: 'minimum', data: { field: 'minDomains', owner: 'TopologySpreadConstraint', minimum: '1', value: '0' }, line: 16, column: 120 },
        { messageId: 'enum', data: { field: 'whenUnsatisfiable', owner: 'TopologySpreadConstraint', allowed: '"DoNotSchedule", "ScheduleAnyway"' }, line: 33, column: 127 },
      ],
    },
    {
      name: 'minDomains with ScheduleAnyway',
      code: spread('maxSkew: 1, minDomains: 2, whenUnsatisfiable: ScheduleAnyway'),
      errors: [{ messageId: 'onlyWith', data: { field: 'minDomains', owner: 'TopologySpreadConstraint', other: 'whenUnsatisfiable', value: '`DoNotSchedule`' }, line: 16, column: 108 }],
    },
    {
      name: 'a PDB with both minAvailable and maxUnavailable, and a percentage over 100%',
      code: pdb('  minAvailable: 150%\n  maxUnavailable: 1\n'),
      errors: [
        { messageId: 'percent', message: '`minAvailable` in PodDisruptionBudgetSpec is 150%: the API server rejects a percentage over 100%.', line: 6, column: 17 },
        { messageId: 'exclusive', message: 'PodDisruptionBudget sets both `minAvailable` and `maxUnavailable`: the API server accepts only one of them.', line: 7, column: 3 },
      ],
    },
    {
      name: 'a rolling update over 100% unavailable',
      code: workload('Deployment', container('')).replace('spec:\n  selector:', 'spec:\n  strategy: {rollingUpdate: {maxUnavailable: 120%}}\n  selector:'),
      errors: [{ messageId: 'percent', data: { field: 'maxUnavailable', owner: 'RollingUpdateDeployment', value: '120%' }, line: 6, column: 46 }],
    },
    {
      name: 'a workload template without spec, a selector that misses the template labels, an empty selector',
      code:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n' +
        '---\n' +
        workload('StatefulSet', container('')).replace('matchLabels: {app: api}', 'matchLabels: {app: web}') +
        '---\n' +
        workload('DaemonSet', container('')).replace('matchLabels: {app: api}', 'matchLabels: {}'),
      errors: [
        { messageId: 'required', message: 'PodTemplateSpec is missing the required field `spec`.', line: 6, column: 3 },
        { messageId: 'selectorMismatch', message: '`selector` does not match the labels of the pod template: the API server rejects a StatefulSet that would not own its own pods.', line: 14, column: 3 },
        { messageId: 'emptySelector', data: { kind: 'DaemonSet' }, line: 29, column: 3 },
      ],
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
    {
      name: 'a partial object outside a test-step folder is what the API server rejects',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: collector\nspec:\n  template:\n    metadata:\n      annotations: {manual: "true"}\n',
      filename: 'deploy/collector.yaml',
      files: { 'tests/e2e/annotations/00-assert.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: collector}\n' },
      errors: [
        { messageId: 'required', message: 'DeploymentSpec is missing the required field `selector`.', line: 5, column: 1 },
        { messageId: 'required', message: 'PodTemplateSpec is missing the required field `spec`.', line: 6, column: 3 },
      ],
    },
    {
      name: 'a kustomization whose labels leave selectors alone (includeSelectors unset) supplies no selector',
      code: unlabeled,
      filename: 'manifests/base/deployment.yaml',
      files: { 'manifests/base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nlabels:\n  - pairs: {k8s-app: metrics}\nresources: [deployment.yaml]\n' },
      errors: [{ messageId: 'required', message: 'DeploymentSpec is missing the required field `selector`.', line: 4, column: 1 }],
    },
    {
      name: 'in a test-step folder (beside a chainsaw-test.yaml) the fields a step writes are still checked',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: collector}\nspec: {replicas: "2"}\n',
      filename: 'tests/e2e/scale/01-scale.yaml',
      files: { 'tests/e2e/scale/chainsaw-test.yaml': 'apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\nmetadata: {name: scale}\nspec: {steps: []}\n' },
      errors: [{ messageId: 'type', data: { field: 'replicas', owner: 'DeploymentSpec', expected: 'an integer', actual: 'a string' }, line: 4, column: 18 }],
    },
    {
      name: 'a string that no YAML reads as a boolean is still wrong in a boolean field',
      code: workload('Deployment', container('  stdin: enabled\n')),
      errors: [{ messageId: 'type', data: { field: 'stdin', owner: 'Container', expected: 'a boolean', actual: 'a string' }, line: 15, column: 18 }],
    },
    {
      name: 'a CRD applied elsewhere still rejects a missing required field and a wrong type',
      code: backup('  keep: "7"\n  retention: 3\n'),
      filename: 'examples/backup.yaml',
      files: { 'install/crds.yaml': crdOnly },
      errors: [
        { messageId: 'required', message: 'Backup is missing the required field `schedule`.', line: 5, column: 1 },
        { messageId: 'type', data: { field: 'keep', owner: 'Backup', expected: 'an integer', actual: 'a string' }, line: 6, column: 9 },
      ],
    },
    {
      name: 'the CRD applied with the object wins: its unknown fields are reported, the other release elsewhere is ignored',
      code: backup('  schedule: "0 3 * * *"\n  retention: 3\n'),
      filename: 'quickstart/backup.yaml',
      files: { 'quickstart/crds.yaml': crdOnly, 'federation/crds.yaml': newerCrd },
      errors: [{ messageId: 'unknown', data: { field: 'retention', owner: 'Backup', suggestion: '.' }, line: 7, column: 3 }],
    },
  ],
});
