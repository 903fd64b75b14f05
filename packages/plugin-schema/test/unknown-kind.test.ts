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
    { name: 'a component config file (KubeletConfiguration) is not an API object', code: object('kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration') },
  ],
  invalid: [
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
      name: 'a custom resource of an untrusted group without its CRD',
      code: object('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch'),
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
  ],
});
