import { defineRule, isPlainObject, joinPointer, type Resource } from '@kubelore/core';
import { applyScopeOf, applyUnits } from '@kubelore/plugin-references';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { minimumReplicas } from '../replicas.js';

function percent(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a PodDisruptionBudget that can never allow an eviction: no policy, `maxUnavailable: 0`, or `minAvailable` at or above the replicas (percentages rounded up, as the disruption controller does)',
      story:
        'a budget that allows no eviction blocks `kubectl drain` forever; node upgrades and autoscaler scale-downs stall, and someone ends up deleting the budget by hand in the middle of an incident.',
      recommended: true,
    },
    messages: {
      noPolicy: 'PodDisruptionBudget "{{name}}" sets neither minAvailable nor maxUnavailable: say how many pods may be disrupted (for example maxUnavailable: 1).',
      bothPolicies: 'PodDisruptionBudget "{{name}}" sets both minAvailable and maxUnavailable: the API server rejects it ("minAvailable and maxUnavailable cannot be both set"). Keep one.',
      zeroUnavailable: 'PodDisruptionBudget "{{name}}" allows {{value}} unavailable pods: no eviction is ever allowed and node drains block forever. Allow at least 1.',
      minAtReplicas:
        'PodDisruptionBudget "{{name}}" requires {{value}} available pods but the workloads it selects run {{replicas}} (at their minimum): no eviction is ever allowed. Lower minAvailable or use maxUnavailable: 1.',
    },
    visits: ['PodDisruptionBudget'],
  },
  create(context) {
    const units = applyUnits(context.index, applyScopeOf(context.settings));
    return {
      PodDisruptionBudget(pdb: Resource) {
        const spec = isPlainObject(pdb.object.spec) ? pdb.object.spec : {};
        const name = pdb.name ?? '(unnamed)';
        const specPointer = joinPointer(pdb.pointer, 'spec');
        const { minAvailable, maxUnavailable } = spec;
        const hasMin = minAvailable !== undefined && minAvailable !== null;
        const hasMax = maxUnavailable !== undefined && maxUnavailable !== null;
        if (!hasMin && !hasMax) {
          context.report({ node: pdb, pointer: specPointer, messageId: 'noPolicy', data: { name } });
          return;
        }
        if (hasMin && hasMax) context.report({ node: pdb, pointer: specPointer, messageId: 'bothPolicies', data: { name } });
        // maxUnavailable rounds up too, so any percentage above 0% allows one eviction.
        if (hasMax && (integer(maxUnavailable) === 0 || percent(maxUnavailable) === 0)) {
          context.report({ node: pdb, pointer: joinPointer(specPointer, 'maxUnavailable'), messageId: 'zeroUnavailable', data: { name, value: String(maxUnavailable) } });
        }
        if (!hasMin) return;
        const pointer = joinPointer(specPointer, 'minAvailable');
        const share = percent(minAvailable);
        if (share !== undefined && share >= 100) {
          context.report({ node: pdb, pointer, messageId: 'minAtReplicas', data: { name, value: String(minAvailable), replicas: 'all of their pods' } });
          return;
        }
        const wanted = integer(minAvailable);
        if (share === undefined && wanted === undefined) return;
        if (wanted === 0 || share === 0) return;
        // The pods the budget covers: the replicated workloads applied with it whose template it selects.
        const pods = context.index
          .podsMatching(spec.selector as LabelSelector | undefined, pdb.namespace)
          .filter((pod) => pod.resource.kind !== 'Pod' && units.together(pod.resource, pdb));
        const counts = pods.map((pod) => minimumReplicas(pod, context.index, context.settings));
        if (pods.length === 0 || counts.some((count) => count === undefined)) return;
        const replicas = counts.reduce((sum: number, count) => sum + count!, 0);
        if (replicas === 0) return;
        // The disruption controller rounds a percentage up, against the workloads' replica count.
        const desired = share !== undefined ? Math.ceil((share * replicas) / 100) : wanted!;
        if (desired < replicas) return;
        const value = share !== undefined ? `${share}% (of ${replicas}, rounded up: ${desired})` : wanted!;
        context.report({ node: pdb, pointer, messageId: 'minAtReplicas', data: { name, value, replicas } });
      },
    };
  },
});
