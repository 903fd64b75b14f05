import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/deprecated-api.js';

const object = (apiVersion: string, kind: string, rest = 'spec: {}\n') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${rest}`;

new RuleTester().run('schema/deprecated-api', rule, {
  valid: [
    { name: 'a stable API', code: object('apps/v1', 'Deployment') },
    { name: 'policy/v1beta1 PodDisruptionBudget on 1.20, before policy/v1 existed', code: object('policy/v1beta1', 'PodDisruptionBudget'), settings: { kubernetesVersion: '1.20' } },
    { name: 'an unknown kind is unknown-kind\'s business', code: object('example.com/v1', 'Backup') },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Ingress on 1.36: not a pure rename, no fix',
      code: object('extensions/v1beta1', 'Ingress'),
      errors: [
        {
          messageId: 'removed',
          message:
            '`extensions/v1beta1` Ingress was removed in Kubernetes 1.22 (target 1.36): use `networking.k8s.io/v1`. In networking.k8s.io/v1 `serviceName`/`servicePort` become `service.name`/`service.port`, `backend` becomes `defaultBackend`, and every path needs a `pathType`.',
          line: 1,
          column: 13,
        },
      ],
    },
    {
      name: 'policy/v1beta1 PodDisruptionBudget on 1.25',
      code: object('policy/v1beta1', 'PodDisruptionBudget'),
      settings: { kubernetesVersion: '1.25' },
      errors: [
        {
          messageId: 'removed',
          data: { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', removedIn: '1.25', version: '1.25', replacement: 'policy/v1', changes: ' In policy/v1 an empty `selector` selects every pod of the namespace instead of none.' },
          line: 1,
          column: 13,
        },
      ],
    },
    {
      name: 'a pure rename is fixed, keeping quotes and comments',
      code: '# roles\napiVersion: "rbac.authorization.k8s.io/v1beta1" # old\nkind: Role\nmetadata:\n  name: x\n',
      output: '# roles\napiVersion: "rbac.authorization.k8s.io/v1" # old\nkind: Role\nmetadata:\n  name: x\n',
      errors: [{ messageId: 'removed', line: 2, column: 13 }],
    },
    {
      name: 'deprecated while still served: the beta HPA on 1.23, fixed',
      code: object('autoscaling/v2beta2', 'HorizontalPodAutoscaler'),
      output: object('autoscaling/v2', 'HorizontalPodAutoscaler'),
      settings: { kubernetesVersion: '1.23' },
      errors: [
        {
          messageId: 'deprecated',
          message: '`autoscaling/v2beta2` HorizontalPodAutoscaler is a pre-release API that `autoscaling/v2` replaces in Kubernetes 1.23: move before it is removed.',
          line: 1,
          column: 13,
        },
      ],
    },
    {
      name: 'the extensions/v1beta1 and apps/v1beta* workloads stopped being served in 1.16, not 1.18',
      code: [object('extensions/v1beta1', 'Deployment'), object('apps/v1beta2', 'DaemonSet'), object('apps/v1beta1', 'StatefulSet'), object('extensions/v1beta1', 'NetworkPolicy')].join('---\n'),
      settings: { kubernetesVersion: '1.16' },
      errors: [
        { messageId: 'removed', data: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', removedIn: '1.16', version: '1.16', replacement: 'apps/v1', changes: ' In apps/v1 `spec.selector` is required and must match the template labels.' }, line: 1, column: 13 },
        { messageId: 'removed', data: { apiVersion: 'apps/v1beta2', kind: 'DaemonSet', removedIn: '1.16', version: '1.16', replacement: 'apps/v1', changes: ' In apps/v1 `spec.selector` is required and must match the template labels.' }, line: 7, column: 13 },
        { messageId: 'removed', data: { apiVersion: 'apps/v1beta1', kind: 'StatefulSet', removedIn: '1.16', version: '1.16', replacement: 'apps/v1', changes: ' In apps/v1 `spec.selector` is required and must match the template labels.' }, line: 13, column: 13 },
        { messageId: 'removed', data: { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', removedIn: '1.16', version: '1.16', replacement: 'networking.k8s.io/v1', changes: '' }, line: 19, column: 13 },
      ],
    },
    {
      name: 'on 1.15 the extensions/v1beta1 Deployment was still served: deprecated, not removed',
      code: object('extensions/v1beta1', 'Deployment'),
      settings: { kubernetesVersion: '1.15' },
      errors: [{ messageId: 'deprecated', data: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', replacement: 'apps/v1', version: '1.15' }, line: 1, column: 13 }],
    },
    {
      name: 'extensions/v1beta1 PodSecurityPolicy: removed in 1.16 while policy/v1beta1 still served it',
      code: object('extensions/v1beta1', 'PodSecurityPolicy'),
      settings: { kubernetesVersion: '1.20' },
      errors: [{ messageId: 'removed', data: { apiVersion: 'extensions/v1beta1', kind: 'PodSecurityPolicy', removedIn: '1.16', version: '1.20', replacement: 'policy/v1beta1', changes: ' Since 1.25 no version is: use Pod Security Admission (namespace labels) instead.' }, line: 1, column: 13 }],
    },
    {
      name: 'PodSecurityPolicy has no successor kind',
      code: object('policy/v1beta1', 'PodSecurityPolicy'),
      errors: [{ messageId: 'removedNoReplacement', message: '`policy/v1beta1` PodSecurityPolicy was removed in Kubernetes 1.25 (target 1.36) and no version of it is served any more. Use Pod Security Admission (namespace labels) instead.', line: 1, column: 13 }],
    },
  ],
});
