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

const configMap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n${body}`;
const volumes = (list: string) => workload('Pod', container('  volumeMounts: [{name: s, mountPath: /s}]\n'), `volumes:\n${list}`);
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
    { name: 'a word of the file name says patch, in camel case too', code: unlabeled, filename: 'config/default/managerPatch.yaml' },
    {
      name: "a file in a `patches/` folder (kubebuilder's CRD patches), listed or not",
      code: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  annotations: {cert-manager.io/inject-ca-from: system/serving-cert}\n  name: backups.example.com\n',
      filename: 'config/crd/patches/cainjection_in_backups.yaml',
    },
    {
      name: 'a file a kustomization names under `patches`, whatever its name',
      code: unlabeled,
      filename: 'overlays/prod/metrics.yaml',
      files: { 'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\npatches:\n  - path: metrics.yaml\n' },
    },
    {
      name: 'likewise under `patchesStrategicMerge`, from a kustomization in a folder above',
      code: unlabeled,
      filename: 'overlays/prod/changes/metrics.yaml',
      files: { 'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge: [changes/metrics.yaml]\n' },
    },
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
      name: "kubebuilder's shape (kueue): a base kustomization without apiVersion and kind, an overlay beside it whose labels include selectors",
      code: unlabeled,
      filename: 'config/components/manager/manager.yaml',
      files: {
        'config/components/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
        'config/default/kustomization.yaml': 'namespace: kueue-system\nlabels:\n  - pairs: {control-plane: controller-manager}\n    includeSelectors: true\nresources:\n- ../components/manager\n',
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
    {
      name: 'YAML 1.1 words quoted in string fields are strings for kubectl too',
      code: configMap('  labels: {enabled: "on", debug: \'no\'}\n  annotations: {verbose: "yes"}\ndata:\n  a: "y"\n  b: \'Off\'\n  c: |\n    yes\n'),
    },
    {
      name: 'what both YAML versions read as text stays text: timestamps, sexagesimal numbers, words that only look like booleans',
      code: configMap('data:\n  date: 2001-12-14\n  time: 1:20\n  equals: =\n  word: yeah\n  mixed: yES\n  size: 1Gi\n'),
    },
    {
      name: 'file modes: a leading zero is octal for kubectl (0644 is 420), and 0o644 and decimals are what they say',
      code: volumes('  - {name: s, secret: {secretName: s, defaultMode: 0644, items: [{key: a, path: a, mode: 0400}]}}\n  - {name: c, configMap: {name: c, defaultMode: 0o755}}\n  - {name: d, downwardAPI: {defaultMode: 420, items: [{path: l, fieldRef: {fieldPath: metadata.labels}, mode: 0777}]}}\n  - {name: p, projected: {defaultMode: 0440, sources: [{secret: {name: s, items: [{key: a, path: a, mode: 0600}]}}]}}'),
    },
    {
      name: 'a leading zero before an 8 or a 9 is not octal: kubectl reads 0080 as 80, as kubelore does',
      code: workload('Deployment', container('  ports: [{containerPort: 0080}]\n')),
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
      name: 'fields named like the members every JavaScript object has are unknown fields too',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  constructor: 1\ndata:\n  a: b\ntoString: x\n',
      errors: [
        { messageId: 'unknown', message: 'Unknown field `constructor` in ObjectMeta. The API server rejects it, or silently drops it under lenient validation.', line: 5, column: 3 },
        { messageId: 'unknown', message: 'Unknown field `toString` in ConfigMap. The API server rejects it, or silently drops it under lenient validation.', line: 8, column: 1 },
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
      name: 'a word of the file name, not its letters: `dispatcher.yaml` is a whole object',
      code: unlabeled,
      filename: 'config/channels/dispatcher.yaml',
      errors: [{ messageId: 'required', message: 'DeploymentSpec is missing the required field `selector`.', line: 4, column: 1 }],
    },
    {
      name: 'a kustomization that names the file as a resource, not a patch, applies it whole',
      code: unlabeled,
      filename: 'overlays/prod/metrics.yaml',
      files: { 'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [metrics.yaml]\npatches:\n  - path: other.yaml\n' },
      errors: [{ messageId: 'required', message: 'DeploymentSpec is missing the required field `selector`.', line: 4, column: 1 }],
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
      name: 'an unquoted YAML 1.1 boolean in an env value: kubectl sends a boolean, the API server rejects it; fixed by quoting',
      code: workload('Deployment', container('  env:\n    - name: FEATURE\n      value: yes\n')),
      errors: [
        {
          messageId: 'unquoted',
          message: '`yes` is unquoted: kubectl reads it as the boolean true (YAML 1.1) and the API server rejects a boolean here, where a string is expected. Quote it: "yes".',
          line: 17,
          column: 22,
          endLine: 17,
          endColumn: 25,
        },
      ],
      output: workload('Deployment', container('  env:\n    - name: FEATURE\n      value: "yes"\n')),
    },
    {
      name: 'in maps of strings (labels, annotations, ConfigMap data, nodeSelector) and lists of strings (args), in the quotes the file uses',
      code: configMap("  labels: {enabled: on, tier: 'web'}\n  annotations:\n    sidecar.istio.io/inject: 'false'\n    legacy: NO\ndata:\n  DEBUG: Off\n  retries: 1_000\n  mask: 0b101\n  hex: 0X1F\n") + '---\n' + workload('Pod', container('  args: [--verbose, y]\n'), 'nodeSelector: {gpu: Y}'),
      errors: [
        { messageId: 'unquoted', data: { text: 'on', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: "'on'" }, line: 5, column: 21 },
        { messageId: 'unquoted', data: { text: 'NO', sent: 'the boolean false', actual: 'a boolean', expected: 'a string', quoted: "'NO'" }, line: 8, column: 13 },
        { messageId: 'unquoted', data: { text: 'Off', sent: 'the boolean false', actual: 'a boolean', expected: 'a string', quoted: "'Off'" }, line: 10, column: 10 },
        {
          messageId: 'unquoted',
          message: "`1_000` is unquoted: kubectl reads it as the integer 1000 (YAML 1.1) and the API server rejects an integer here, where a string is expected. Quote it: '1_000'.",
          line: 11,
          column: 12,
        },
        { messageId: 'unquoted', data: { text: '0b101', sent: 'the integer 5', actual: 'an integer', expected: 'a string', quoted: "'0b101'" }, line: 12, column: 9 },
        { messageId: 'unquoted', data: { text: '0X1F', sent: 'the integer 31', actual: 'an integer', expected: 'a string', quoted: "'0X1F'" }, line: 13, column: 8 },
        { messageId: 'unquoted', data: { text: 'y', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: "'y'" }, line: 24, column: 25 },
        { messageId: 'unquoted', data: { text: 'Y', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: "'Y'" }, line: 25, column: 23 },
      ],
      output:
        configMap("  labels: {enabled: 'on', tier: 'web'}\n  annotations:\n    sidecar.istio.io/inject: 'false'\n    legacy: 'NO'\ndata:\n  DEBUG: 'Off'\n  retries: '1_000'\n  mask: '0b101'\n  hex: '0X1F'\n") +
        '---\n' +
        workload('Pod', container("  args: [--verbose, 'y']\n"), "nodeSelector: {gpu: 'Y'}"),
    },
    {
      name: 'the same on the ordinary parse path (anchors keep the fast path away); an anchored word its aliases repeat is one finding',
      code: configMap('  labels: {enabled: on}\ndata:\n  again: *flag\n  DEBUG: &flag yes\n  more: *flag\n').replace('data:\n  again: *flag\n', 'data:\n').replace('  more: *flag\n', '  more: *flag\n  again: *flag\n'),
      errors: [
        { messageId: 'unquoted', data: { text: 'on', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: '"on"' }, line: 5, column: 21 },
        { messageId: 'unquoted', data: { text: 'yes', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: '"yes"' }, line: 7, column: 16 },
      ],
      output: configMap('  labels: {enabled: "on"}\ndata:\n  DEBUG: &flag "yes"\n  more: *flag\n  again: *flag\n'),
    },
    {
      name: 'a quoted "yes" in a boolean field is a string for kubectl as well; an unquoted one where an integer belongs is a boolean',
      code: workload('Deployment', container('  stdin: "yes"\n')).replace('spec:\n  selector:', 'spec:\n  replicas: yes\n  selector:'),
      errors: [
        { messageId: 'type', message: '`replicas` in DeploymentSpec must be an integer, not a boolean.', line: 6, column: 13 },
        { messageId: 'type', message: '`stdin` in Container must be a boolean, not a string.', line: 16, column: 18 },
      ],
    },
    {
      name: 'a leading zero is octal for kubectl: the API server gets another number than the one written',
      code: workload('Deployment', container('  ports: [{containerPort: 0100}]\n')),
      errors: [
        {
          messageId: 'octal',
          message: '`containerPort` in ContainerPort is written `0100`: kubectl reads a leading zero as octal (YAML 1.1), so the API server gets 64, not 100. Write `100` if 100 is meant.',
          line: 15,
          column: 35,
        },
      ],
    },
    {
      name: 'file modes over 0777, as kubectl reads them: octal digits without the leading zero, and 01000',
      code: volumes('  - {name: s, secret: {secretName: s, defaultMode: 644}}\n  - {name: c, configMap: {name: c, items: [{key: a, path: a, mode: 01000}]}}\n  - {name: p, projected: {sources: [{downwardAPI: {items: [{path: l, fieldRef: {fieldPath: metadata.name}, mode: 999}]}}]}}'),
      errors: [
        {
          messageId: 'fileMode',
          message: '`defaultMode` in SecretVolumeSource is 644: the API server rejects a file mode outside 0 to 0777 (511). Mode bits are octal: write `0644` (with the leading zero) or its decimal value `420`.',
          line: 12,
          column: 54,
        },
        { messageId: 'fileMode', data: { field: 'mode', owner: 'KeyToPath', value: '`01000` (512 for kubectl)', hint: '' }, line: 13, column: 70 },
        { messageId: 'fileMode', data: { field: 'mode', owner: 'DownwardAPIVolumeFile', value: '999', hint: '' }, line: 14, column: 116 },
      ],
    },
    {
      name: 'a custom resource: an unquoted boolean word in a string field of its CRD',
      code: crd + backup('  schedule: on\n'),
      errors: [{ messageId: 'unquoted', data: { text: 'on', sent: 'the boolean true', actual: 'a boolean', expected: 'a string', quoted: '"on"' }, line: 33, column: 13 }],
      output: crd + backup('  schedule: "on"\n'),
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
