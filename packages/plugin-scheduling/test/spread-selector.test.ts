import { RuleTester } from '@kubelore/rule-tester';
import rule from '../src/rules/spread-selector.js';
import { replicated } from './manifests.js';

const constraint = (selector: string, extra = '') => `topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n    whenUnsatisfiable: DoNotSchedule\n${selector ? `    labelSelector: ${selector}\n` : ''}${extra}`;

// In a replicated Deployment the constraint's keys are at column 11, from line 17; its labelSelector at line 20.
new RuleTester().run('scheduling/spread-selector', rule, {
  valid: [
    { name: 'matchLabels of its own labels', code: replicated('Deployment', 3, constraint('{matchLabels: {app: api}}')) },
    { name: 'matchExpressions In', code: replicated('Deployment', 3, constraint('{matchExpressions: [{key: app, operator: In, values: [api, web]}]}')) },
    { name: 'Exists, with matchLabelKeys', code: replicated('StatefulSet', 3, constraint('{matchExpressions: [{key: app, operator: Exists}]}', '    matchLabelKeys: [pod-template-hash]\n')) },
    {
      name: 'anti-affinity against another workload is deliberate',
      code:
        replicated('Deployment', 2, 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: db}}}') +
        '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: x}]}\n',
    },
    {
      name: 'anti-affinity on label keys the pod does not have: pods a controller makes at run time, not a mistake',
      code: replicated('Deployment', 2, 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {gateway.example.io/owner: eg}}}'),
    },
    { name: 'NotIn another value', code: replicated('Deployment', 3, constraint('{matchExpressions: [{key: app, operator: NotIn, values: [db]}]}')) },
    {
      name: 'a label key named like a member of every object (constructor) the pod does not have is foreign too',
      code: replicated('Deployment', 2, 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {constructor: eg}}}'),
    },
  ],
  invalid: [
    {
      name: 'strict asks about selectors on foreign label keys too',
      code: replicated('Deployment', 2, 'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {gateway.example.io/owner: eg}}}'),
      options: { reportForeignSelectors: true },
      errors: [
        {
          messageId: 'foreign',
          message:
            'This required anti-affinity selects {matchLabels:{gateway.example.io/owner:eg}}, on label keys the pod does not have, and no pod template in the linted files matches it: unless a controller makes such pods, it does nothing. This configuration asks to confirm it (option reportForeignSelectors, on in strict).',
          line: 19,
          column: 58,
        },
      ],
    },
    {
      name: 'a copy-pasted selector of another app',
      code: replicated('Deployment', 3, constraint('{matchLabels: {app: web}}')),
      errors: [
        {
          messageId: 'missesSelf',
          message: "This topology spread constraint selects {matchLabels:{app:web}}, which matches neither the pod's own labels {app: api} nor any other pod template in the linted files: it spreads nothing.",
          line: 20,
          column: 11,
        },
      ],
    },
    {
      name: 'a constraint without a selector',
      code: replicated('Deployment', 3, constraint('')),
      errors: [{ messageId: 'noSelector', message: "This topology spread constraint has no labelSelector, so it counts no pods and spreads nothing: select the pod's own labels {app: api}.", line: 17, column: 11 }],
    },
    {
      name: 'anti-affinity excluding itself with DoesNotExist',
      code: replicated(
        'StatefulSet',
        2,
        'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}',
      ),
      errors: [{ messageId: 'missesSelf', data: { term: 'required anti-affinity', selector: '{matchExpressions:[{key:app,operator:DoesNotExist}]}', labels: '{app: api}' }, line: 20, column: 15 }],
    },
  ],
});
