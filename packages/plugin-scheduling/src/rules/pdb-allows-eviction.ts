import { defineRule, isPlainObject, joinPointer, type Resource } from '@kubelore/core';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { minimumReplicas } from '../replicas.js';

function percent(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a PodDisruptionBudget that can never allow an eviction: no policy, `maxUnavailable: 0`, or `minAvailable` at or above the replicas',
      story:
        'a budget that allows no eviction blocks `kubectl drain` forever; node upgrades and autoscaler scale-downs stall, and someone ends up deleting the budget by hand in the middle of an incident.',
      recommended: true,
    },
    messages: {
      noPolicy: 'PodDisruptionBudget "{{name}}" sets neither minAvailable nor maxUnavailable: say how many pods may be disrupted (for example maxUnavailable: 1).',
      zeroUnavailable: 'PodDisruptionBudget "{{name}}" allows {{value}} unavailable pods: no eviction is ever allowed and node drains block forever. Allow at least 1.',
      minAtReplicas:
        'PodDisruptionBudget "{{name}}" requires {{value}} available pods but the workloads it selects run {{replicas}} (at their minimum): no eviction is ever allowed. Lower minAvailable or use maxUnavailable: 1.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      PodDisruptionBudget(pdb: Resource) {
        const spec = isPlainObject(pdb.object.spec) ? pdb.object.spec : {};
        const name = pdb.name ?? '(unnamed)';
        const specPointer = joinPointer(pdb.pointer, 'spec');
        const { minAvailable, maxUnavailable } = spec;
        if (minAvailable === undefined && maxUnavailable === undefined) {
          context.report({ node: pdb, pointer: specPointer, messageId: 'noPolicy', data: { name } });
          return;
        }
        if (maxUnavailable !== undefined) {
          if (maxUnavailable === 0 || percent(maxUnavailable) === 0) {
            context.report({ node: pdb, pointer: joinPointer(specPointer, 'maxUnavailable'), messageId: 'zeroUnavailable', data: { name, value: String(maxUnavailable) } });
          }
          return;
        }
        const pointer = joinPointer(specPointer, 'minAvailable');
        if (percent(minAvailable) === 100) {
          context.report({ node: pdb, pointer, messageId: 'minAtReplicas', data: { name, value: String(minAvailable), replicas: 'all of their pods' } });
          return;
        }
        if (typeof minAvailable !== 'number') return;
        // The pods the budget covers: the replicated workloads of its namespace whose template it selects.
        const pods = context.index.podsMatching(spec.selector as LabelSelector | undefined, pdb.namespace).filter((pod) => pod.resource.kind !== 'Pod');
        const counts = pods.map((pod) => minimumReplicas(pod, context.index));
        if (pods.length === 0 || counts.some((count) => count === undefined)) return;
        const replicas = counts.reduce((sum: number, count) => sum + count!, 0);
        if (minAvailable >= replicas) {
          context.report({ node: pdb, pointer, messageId: 'minAtReplicas', data: { name, value: minAvailable, replicas } });
        }
      },
    };
  },
});
