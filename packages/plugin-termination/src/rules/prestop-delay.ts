import { defineRule, editorFor, isPlainObject, joinPointer, versionAtLeast, type ContainerView, type Suggestion } from '@kubelore/core';
import { delaySeconds, drainsInProcess, preStopDelayOf, SLEEP_ACTION_SINCE } from '../lifecycle.js';
import { servingReason, stopsBeforeReplacement } from '../serving.js';


/** A suggestion, not a fix: how long the load balancers need is the author's call. */
function suggestSleep(view: ContainerView, seconds: number, sleepAction: boolean): Suggestion[] {
  const preStop = sleepAction ? { sleep: { seconds } } : { exec: { command: ['sleep', String(seconds)] } };
  const editor = editorFor(view);
  const lifecycle = view.container.lifecycle;
  const fix = isPlainObject(lifecycle)
    ? editor.insertKey(joinPointer(view.pointer, 'lifecycle'), 'preStop', preStop)
    : editor.insertKey(view.pointer, 'lifecycle', { preStop });
  return fix ? [{ desc: `Add a preStop sleep of ${seconds}s`, fix }] : [];
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a container that receives traffic has no preStop delay',
      story:
        'SIGTERM and the removal from the load balancer happen at the same time; ingresses are slow to notice, so a pod that exits at once answers its last requests with 5xx on every deploy.',
      recommended: true,
    },
    messages: {
      missing:
        'Container "{{name}}" receives traffic ({{reason}}) but has no preStop delay: SIGTERM arrives while load balancers still route to it. Add a preStop sleep of at least {{min}}s.',
      tooShort:
        'Container "{{name}}" receives traffic ({{reason}}) but waits only {{seconds}}s in preStop, under the {{min}}s load balancers need to stop routing to it.',
    },
    schema: {
      type: 'object',
      properties: { minDelaySeconds: { type: 'number', minimum: 0 } },
      additionalProperties: false,
    },
    defaultOptions: { minDelaySeconds: 5 },
    hasSuggestions: true,
    visits: ['Container'],
  },
  create(context) {
    const min = context.options.minDelaySeconds;
    return {
      Container(view) {
        // The API server watches endpoints itself and retries a webhook call whose connection is reset:
        // only load-balanced clients need the delay.
        const reason = servingReason(view, context.index, context.settings, 'clients');
        if (reason === undefined) return;
        const delay = preStopDelayOf(view.container);
        if (delay.kind === 'none' && stopsBeforeReplacement(view.pod, context.index, context.settings)) return;
        const seconds = delaySeconds(delay);
        if (delay.kind === 'none') {
          if (drainsInProcess(view.pod)) return;
          context.report({
            node: view,
            pointer: joinPointer(view.pointer, 'lifecycle', 'preStop'),
            messageId: 'missing',
            data: { name: view.name, reason, min },
            suggest: suggestSleep(view, min, versionAtLeast(context.settings.kubernetesVersion, SLEEP_ACTION_SINCE)),
          });
        } else if (seconds !== undefined && seconds < min) {
          context.report({ node: view, pointer: joinPointer(view.pointer, 'lifecycle', 'preStop'), at: 'key', messageId: 'tooShort', data: { name: view.name, reason, seconds, min } });
        }
      },
    };
  },
});
