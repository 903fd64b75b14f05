import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/unknown-kind.js';

const object = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: backups.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Backup, plural: backups}
  versions: [{name: v1, served: true, storage: true}]
---
`;

new RuleTester().run('schema/unknown-kind', rule, {
  valid: [
    { name: 'a built-in kind', code: object('apps/v1', 'Deployment') },
    { name: 'a removed API is deprecated-api\'s business', code: object('extensions/v1beta1', 'Ingress') },
    { name: 'a kind defined by a CRD in the input', code: crd + object('example.com/v1', 'Backup') },
    { name: 'a CRD group with a k8s.io suffix (Gateway API) is a custom resource', code: object('gateway.networking.k8s.io/v1beta1', 'Gateway') },
    { name: 'a custom resource without its CRD, by default', code: object('cert-manager.io/v1', 'Certificate') },
    { name: 'an untrusted group without its CRD: most often installed by another step, strict asks', code: object('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch') },
    { name: 'the input has other CRDs of the group, none close to the kind: vendored in part, strict asks', code: crd + object('example.com/v1', 'Schedule') },
    { name: 'two letters apart in a short name is another kind, not a typo (Widget beside a CRD for Gadget)', code: crd.replace(/Backup/g, 'Gadget').replace(/backups/g, 'gadgets') + object('example.com/v1', 'Widget') },
    { name: 'a component config file (KubeletConfiguration) is not an API object', code: object('kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration') },
    { name: "a kustomize built-in plugin's configuration (named under `transformers:`) is not an API object", code: object('builtin', 'LabelTransformer') },
    { name: "kind's cluster config and a kubeconfig are tool files, not API objects", code: object('kind.x-k8s.io/v1alpha4', 'Cluster') + '---\n' + object('v1', 'Config') },
    { name: 'sibling groups of a trusted project: every *.istio.io once networking.istio.io is trusted', code: object('telemetry.istio.io/v1', 'Telemetry') + '---\n' + object('extensions.istio.io/v1alpha1', 'WasmPlugin') },
    { name: 'group snapshots beside trusted volume snapshots', code: object('groupsnapshot.storage.k8s.io/v1beta1', 'VolumeGroupSnapshot') },
    { name: "OpenShift's built-in APIs", code: object('route.openshift.io/v1', 'Route') + '---\n' + object('apps.openshift.io/v1', 'DeploymentConfig') },
    { name: "GKE's built-in APIs", code: object('networking.gke.io/v1', 'ManagedCertificate') + '---\n' + object('cloud.google.com/v1', 'BackendConfig') },
    { name: 'a trusted wildcard from the options', code: object('kafka.strimzi.io/v1beta2', 'Kafka'), options: { trustedGroups: ['*.strimzi.io'] } },
    {
      name: 'a Gatekeeper constraint whose ConstraintTemplate is in the input: Gatekeeper makes its CRD',
      code: object('constraints.gatekeeper.sh/v1beta1', 'K8sRequiredLabels'),
      files: { 'templates/required-labels.yaml': 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8srequiredlabels}\nspec:\n  crd:\n    spec:\n      names: {kind: K8sRequiredLabels}\n' },
    },
  ],
  invalid: [
    {
      name: 'a Gatekeeper constraint without its template',
      code: object('constraints.gatekeeper.sh/v1beta1', 'K8sRequiredLabels'),
      files: { 'templates/other.yaml': 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8sallowedrepos}\nspec:\n  crd:\n    spec:\n      names: {kind: K8sAllowedRepos}\n' },
      options: { reportMissingCrds: true },
      errors: [{ messageId: 'noCrd', data: { kind: 'K8sRequiredLabels', group: 'constraints.gatekeeper.sh' }, line: 2, column: 7 }],
    },
    {
      name: 'a misspelt kind',
      code: object('apps/v1', 'Deploymnet'),
      errors: [{ messageId: 'unknownBuiltIn', message: 'Kubernetes has no kind `Deploymnet` in `apps/v1`; did you mean `Deployment`?', line: 2, column: 7 }],
    },
    {
      name: 'a kind in the wrong group',
      code: object('apps/v1', 'Ingress'),
      errors: [{ messageId: 'unknownBuiltIn', message: 'Kubernetes has no kind `Ingress` in `apps/v1`; Ingress is served as `networking.k8s.io/v1`.', line: 1, column: 13 }],
    },
    { name: 'nothing close', code: object('v1', 'Gizmo'), errors: [{ messageId: 'unknownBuiltIn', data: { kind: 'Gizmo', apiVersion: 'v1', hint: '.' }, line: 2, column: 7 }] },
    {
      name: 'a version the CRD does not serve',
      code: crd + object('example.com/v2', 'Backup'),
      errors: [{ messageId: 'crdVersion', message: 'The CustomResourceDefinition for `Backup` serves `example.com/v1`, not `example.com/v2`.', line: 10, column: 13 }],
    },
    {
      name: 'a kind that never existed in its group: what it was and what replaced it',
      code: object('policy/v1', 'PodSecurityPolicy'),
      errors: [
        {
          messageId: 'retiredKind',
          message:
            'Kubernetes has no kind `PodSecurityPolicy` in `policy/v1` and no longer serves it in any version: PodSecurityPolicy was served as `policy/v1beta1` until Kubernetes 1.24 and removed in 1.25; Pod Security Admission (the `pod-security.kubernetes.io/*` namespace labels) replaced it.',
          line: 2,
          column: 7,
        },
      ],
    },
    {
      name: 'a kind retired before the oldest release of the data',
      code: object('admissionregistration.k8s.io/v1alpha1', 'InitializerConfiguration'),
      errors: [{ messageId: 'retiredKind', data: { kind: 'InitializerConfiguration', apiVersion: 'admissionregistration.k8s.io/v1alpha1', history: 'the alpha Initializers were removed in Kubernetes 1.14: mutating admission webhooks replaced them' }, line: 2, column: 7 }],
    },
    {
      name: "kube-scheduler's legacy policy file",
      code: object('v1', 'Policy'),
      errors: [{ messageId: 'notAnObject', message: "`v1` `Policy` is kube-scheduler's legacy policy file, not an API object; kube-scheduler 1.23 dropped it for `KubeSchedulerConfiguration` (`kubescheduler.config.k8s.io/v1`) profiles.", line: 2, column: 7 }],
    },
    {
      name: 'a retired group names the current one',
      code: object('certmanager.k8s.io/v1alpha1', 'Certificate'),
      errors: [{ messageId: 'retiredGroup', message: 'Group `certmanager.k8s.io` is retired: cert-manager moved its resources to `cert-manager.io` in v0.11 (2019): use `cert-manager.io/v1`.', line: 1, column: 13 }],
    },
    {
      name: 'siblings under Kubernetes domains are not all one project',
      code: object('policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'),
      options: { reportMissingCrds: true },
      errors: [{ messageId: 'noCrd', data: { kind: 'AdminNetworkPolicy', group: 'policy.networking.k8s.io' }, line: 2, column: 7 }],
    },
    {
      name: 'a custom resource of an untrusted group without its CRD',
      code: object('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch'),
      options: { reportMissingCrds: true },
      errors: [
        {
          messageId: 'noCrd',
          message:
            'No CustomResourceDefinition in the linted files defines `Elasticsearch` in group `elasticsearch.k8s.elastic.co`: make sure its CRD is installed before this is applied (list the group in `trustedGroups` if it is).',
          line: 2,
          column: 7,
        },
      ],
    },
      {
      name: 'a kind one letter from one the input\'s CRDs of the group define',
      code: crd + object('example.com/v1', 'Bakup'),
      errors: [
        {
          messageId: 'kindNotInGroup',
          message: 'The CustomResourceDefinitions of group `example.com` in the linted files define `Backup`, not `Bakup`; did you mean `Backup`?',
          line: 11,
          column: 7,
        },
      ],
    },
    {
      name: 'a group two letters from a trusted one',
      code: object('monitoring.coreos.co/v1', 'ServiceMonitor'),
      errors: [
        {
          messageId: 'groupTypo',
          message: 'No CustomResourceDefinition in the linted files defines group `monitoring.coreos.co`; did you mean `monitoring.coreos.com`?',
          line: 1,
          column: 13,
        },
      ],
    },
  ],
});
