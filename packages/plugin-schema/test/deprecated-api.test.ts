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
      name: 'PodSecurityPolicy has no successor kind',
      code: object('policy/v1beta1', 'PodSecurityPolicy'),
      errors: [{ messageId: 'removedNoReplacement', message: '`policy/v1beta1` PodSecurityPolicy was removed in Kubernetes 1.25 (target 1.36) and no version of it is served any more. Use Pod Security Admission (namespace labels) instead.', line: 1, column: 13 }],
    },
  ],
});
