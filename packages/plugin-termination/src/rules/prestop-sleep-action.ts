import { defineRule, editorFor, joinPointer, versionAtLeast } from '@kubelore/core';
import { preStopDelayOf, SLEEP_ACTION_SINCE } from '../lifecycle.js';


export default defineRule({
  meta: {
    type: 'suggestion',
    docs: {
      description: 'a preStop hook that runs `sleep` through exec, where the cluster has the native `sleep` action',
      story:
        'an exec hook needs a sleep binary in the image; distroless and scratch images have none, the hook fails, and the pod gets SIGTERM at once while the load balancer still routes to it.',
      recommended: true,
    },
    messages: {
      useSleepAction:
        'Container "{{name}}" runs `{{command}}` as its preStop hook; on Kubernetes {{version}} use the built-in `sleep: {seconds: {{seconds}}}` action, which needs no sleep binary in the image.',
    },
    fixable: 'code',
    severity: 'warn',
    visits: ['Container'],
  },
  create(context) {
    const version = context.settings.kubernetesVersion;
    if (!versionAtLeast(version, SLEEP_ACTION_SINCE)) return {};
    return {
      Container(view) {
        const delay = preStopDelayOf(view.container);
        if (delay.kind !== 'exec-sleep') return;
        const pointer = joinPointer(view.pointer, 'lifecycle', 'preStop', 'exec');
        // The sleep action takes whole seconds; a fractional sleep is left for a person to round.
        const fix = Number.isInteger(delay.seconds) ? editorFor(view).replaceEntry(pointer, 'sleep', { seconds: delay.seconds }) : null;
        context.report({
          node: view,
          pointer,
          at: 'key',
          messageId: 'useSleepAction',
          data: { name: view.name, command: delay.command.join(' '), version, seconds: delay.seconds },
          fix,
        });
      },
    };
  },
});
