import { defineRule, joinPointer } from '@kubelore/core';
import { servingReason } from '../serving.js';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // Any fixed order makes equal probes equal; code-unit order, since the first localeCompare builds
    // ICU's collator (about 13 ms of a one-file run).
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a liveness probe identical to the readiness probe (and, in strict, a serving container without liveness probe)',
      story:
        'when liveness equals readiness, a pod that is only busy fails both at once and is restarted instead of rested; under load the restarts shift traffic to the survivors and cascade.',
      recommended: true,
    },
    messages: {
      identical:
        'Container "{{name}}" receives traffic ({{reason}}) and has a livenessProbe identical to its readinessProbe: a busy pod is restarted instead of taken out of rotation. Make liveness more lenient (a higher failureThreshold or a cheaper endpoint).',
      missing: 'Container "{{name}}" receives traffic ({{reason}}) but has no livenessProbe, which this configuration requires (option requireLivenessProbe, on in strict): a process that deadlocks without crashing is never restarted.',
    },
    schema: {
      type: 'object',
      properties: { requireLivenessProbe: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { requireLivenessProbe: false },
    strictOptions: { requireLivenessProbe: true },
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        if (view.role !== 'container') return;
        const { livenessProbe, readinessProbe } = view.container;
        if (livenessProbe && readinessProbe && canonical(livenessProbe) === canonical(readinessProbe)) {
          // Only a container in rotation can be taken out of it: for one no Service routes to, readiness
          // gates nothing but the rollout, and a restart is what liveness is for.
          const reason = servingReason(view, context.index, context.settings);
          if (reason !== undefined) context.report({ node: view, pointer: joinPointer(view.pointer, 'livenessProbe'), messageId: 'identical', data: { name: view.name, reason } });
        } else if (!livenessProbe && context.options.requireLivenessProbe) {
          const reason = servingReason(view, context.index, context.settings);
          if (reason !== undefined) context.report({ node: view, pointer: joinPointer(view.pointer, 'livenessProbe'), messageId: 'missing', data: { name: view.name, reason } });
        }
      },
    };
  },
});
