import { containersOf, defineRule, joinPointer, type PodView } from '@kubelore/core';
import { delaySeconds, lineText, preStopDelayOf } from '../lifecycle.js';

// The kubelet's default when the pod spec sets nothing.
const DEFAULT_GRACE_SECONDS = 30;

/** Whether the line of the value at `pointer`, or the line above it, carries a YAML comment. */
function hasComment(pod: PodView, pointer: string): boolean {
  const { source, documentIndex } = pod.resource;
  const { line } = source.locate(documentIndex, pointer);
  const own = lineText(source, line);
  const above = lineText(source, line - 1);
  return /\s#/.test(own) || /^\s*#/.test(above);
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: '`terminationGracePeriodSeconds` shorter than the preStop delay plus the time the process needs to shut down',
      story:
        'the grace period counts from the start of the preStop hook, so a long sleep leaves the process no time to drain before the kubelet sends SIGKILL and in-flight requests drop.',
      recommended: true,
    },
    messages: {
      belowShutdown:
        'terminationGracePeriodSeconds is {{grace}}s, under the {{shutdown}}s assumed (option shutdownSeconds) for the process to finish in-flight work before the kubelet sends SIGKILL. Raise it to at least {{needed}}.',
      tooShort:
        'terminationGracePeriodSeconds is {{grace}}s{{implicit}}, but container "{{name}}" sleeps {{delay}}s in preStop: that leaves {{left}}s to shut down, under the {{shutdown}}s assumed (option shutdownSeconds). Raise it to at least {{needed}}.',
    },
    schema: {
      type: 'object',
      properties: { shutdownSeconds: { type: 'number', minimum: 0 }, reportWithoutPreStop: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { shutdownSeconds: 10, reportWithoutPreStop: false },
    strictOptions: { reportWithoutPreStop: true },
    visits: ['PodSpec'],
  },
  create(context) {
    const shutdown = context.options.shutdownSeconds;
    return {
      PodSpec(pod) {
        const declared = pod.spec.terminationGracePeriodSeconds;
        const grace = typeof declared === 'number' ? declared : DEFAULT_GRACE_SECONDS;
        let longest: { name: string; delay: number } | undefined;
        for (const view of containersOf(pod)) {
          if (view.role === 'ephemeral') continue;
          const delay = delaySeconds(preStopDelayOf(view.container)) ?? 0;
          if (!longest || delay > longest.delay) longest = { name: view.name, delay };
        }
        // Without a preStop sleep this only matters when the grace period was cut below the shutdown time.
        if (!longest || grace >= longest.delay + shutdown) return;
        // Without a preStop sleep, only the assumed shutdown time says the grace period is short: how long
        // the process needs is not in the manifest, so that is strict's question.
        if (longest.delay === 0 && !context.options.reportWithoutPreStop) return;
        // No preStop delay and a grace period chosen on purpose: 0 (stop at once, nobody writes it by
        // accident) or a value explained by a comment on its line or the line above.
        if (longest.delay === 0 && typeof declared === 'number' && (declared === 0 || hasComment(pod, joinPointer(pod.pointer, 'terminationGracePeriodSeconds')))) return;
        context.report({
          node: pod,
          pointer: joinPointer(pod.pointer, 'terminationGracePeriodSeconds'),
          messageId: longest.delay > 0 ? 'tooShort' : 'belowShutdown',
          data: {
            grace,
            implicit: typeof declared === 'number' ? '' : ' (the default)',
            name: longest.name,
            delay: longest.delay,
            left: Math.max(0, grace - longest.delay),
            shutdown,
            needed: longest.delay + shutdown,
          },
        });
      },
    };
  },
});
