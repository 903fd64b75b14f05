import { RuleTester, FIRST_CONTAINER, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/prestop-sleep-action.js';

const execSleep = (command: string) => `- name: web
  image: gcr.io/distroless/static
  lifecycle:
    preStop:
      exec:
        command: ${command}
`;
// The `exec` key is the 5th line of the container, indented 4 more than its keys.
// The fix swaps the exec entry for the native action, in place.
const fixed = (code: string, seconds: number) => code.replace(/exec:\n( +)command: .*\n/, `sleep:\n$1seconds: ${seconds}\n`);
const execAt = (kind: keyof typeof FIRST_CONTAINER) => ({ line: FIRST_CONTAINER[kind].line + 4, column: FIRST_CONTAINER[kind].column + 4 });

new RuleTester().run('termination/prestop-sleep-action', rule, {
  valid: [
    { name: 'already the native action', code: workload('Deployment', '- name: web\n  image: x\n  lifecycle: {preStop: {sleep: {seconds: 5}}}\n') },
    { name: 'before 1.30 the exec sleep is the only way', code: workload('StatefulSet', execSleep('[sleep, "5"]')), settings: { kubernetesVersion: '1.29' } },
    { name: 'a script that does more than sleep', code: workload('Pod', execSleep('[sh, -c, "sleep 5 && nginx -s quit"]')) },
    { name: 'no preStop', code: workload('CronJob', '- name: job\n  image: x\n') },
  ],
  invalid: [
    {
      name: 'Deployment: exec sleep on 1.36',
      code: workload('Deployment', execSleep('["sleep", "10"]')),
      output: fixed(workload('Deployment', execSleep('["sleep", "10"]')), 10),
      errors: [
        {
          messageId: 'useSleepAction',
          message:
            'Container "web" runs `sleep 10` as its preStop hook; on Kubernetes 1.36 use the built-in `sleep: {seconds: 10}` action, which needs no sleep binary in the image.',
          ...execAt('Deployment'),
        },
      ],
    },
    {
      name: 'StatefulSet: shell sleep on 1.30',
      code: workload('StatefulSet', execSleep('[/bin/sh, -c, "sleep 15"]')),
      output: fixed(workload('StatefulSet', execSleep('[/bin/sh, -c, "sleep 15"]')), 15),
      settings: { kubernetesVersion: '1.30' },
      errors: [
        {
          messageId: 'useSleepAction',
          message:
            'Container "web" runs `/bin/sh -c sleep 15` as its preStop hook; on Kubernetes 1.30 use the built-in `sleep: {seconds: 15}` action, which needs no sleep binary in the image.',
          ...execAt('StatefulSet'),
        },
      ],
    },
    { name: 'CronJob', code: workload('CronJob', execSleep('[/bin/sleep, "3"]')), output: fixed(workload('CronJob', execSleep('[/bin/sleep, "3"]')), 3), errors: [{ messageId: 'useSleepAction', ...execAt('CronJob') }] },
    { name: 'Pod', code: workload('Pod', execSleep('[sleep, 5s]')), output: fixed(workload('Pod', execSleep('[sleep, 5s]')), 5), errors: [{ messageId: 'useSleepAction', ...execAt('Pod') }] },
    {
      name: 'a fractional sleep is reported without a fix',
      code: workload('Deployment', execSleep('[sleep, "2.5"]')),
      output: null,
      errors: [{ messageId: 'useSleepAction', ...execAt('Deployment') }],
    },
    {
      name: 'flow style, with comments around the hook kept',
      code: workload('Pod', '- name: web\n  image: x\n  lifecycle:\n    # drain first\n    preStop: {exec: {command: [sleep, "5"]}} # lb delay\n'),
      output: workload('Pod', '- name: web\n  image: x\n  lifecycle:\n    # drain first\n    preStop: {sleep: { seconds: 5 }} # lb delay\n'),
      errors: [{ messageId: 'useSleepAction', line: 12, column: 19 }],
    },
  ],
});
