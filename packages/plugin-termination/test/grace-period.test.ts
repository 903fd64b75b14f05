import { RuleTester, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/grace-period.js';

const sleeping = (seconds: number) => `- name: web
  image: ghcr.io/acme/api:1.0
  lifecycle:
    preStop:
      sleep: {seconds: ${seconds}}
`;

new RuleTester().run('termination/grace-period', rule, {
  valid: [
    { name: 'default 30s covers a 20s sleep plus 10s', code: workload('Deployment', sleeping(20)) },
    { name: 'explicit grace period long enough', code: workload('StatefulSet', sleeping(30), 'terminationGracePeriodSeconds: 45') },
    { name: 'no preStop, default grace period', code: workload('CronJob', '- name: job\n  image: ghcr.io/acme/job:1.0\n') },
    { name: 'shutdown time is an option', code: workload('Pod', sleeping(25)), options: { shutdownSeconds: 5 } },
    { name: 'a short grace without any preStop: how long the process needs is not in the manifest (strict asks)', code: workload('Pod', '- name: web\n  image: x\n', 'terminationGracePeriodSeconds: 3') },
    { name: 'grace 0 without preStop: stop at once, on purpose', options: { reportWithoutPreStop: true }, code: workload('DaemonSet', '- name: agent\n  image: x\n', 'terminationGracePeriodSeconds: 0') },
    { name: 'a short grace explained by a comment on its line', options: { reportWithoutPreStop: true }, code: workload('Deployment', '- name: web\n  image: x\n', 'terminationGracePeriodSeconds: 2 # stateless, restarts are cheap') },
    { name: 'a short grace explained by a comment above it', options: { reportWithoutPreStop: true }, code: workload('Deployment', '- name: web\n  image: x\n', '# force deletion: minimise downtime on upgrades\nterminationGracePeriodSeconds: 1') },
    {
      name: 'the same with CRLF line ends',
      code: workload('Deployment', '- name: web\n  image: x\n', '# force deletion: minimise downtime on upgrades\nterminationGracePeriodSeconds: 1').replace(/\n/g, '\r\n'),
    },
    {
      name: 'an HTTP preStop hook cannot be timed',
      code: workload('Pod', '- name: web\n  image: x\n  lifecycle: {preStop: {httpGet: {path: /drain, port: 80}}}\n', 'terminationGracePeriodSeconds: 15'),
    },
  ],
  invalid: [
    {
      name: 'grace 0 with a preStop delay: the delay never runs, whatever the comment says',
      code: workload('Deployment', sleeping(5), '# fast deletion\nterminationGracePeriodSeconds: 0'),
      errors: [{ messageId: 'tooShort', line: 19, column: 38 }],
    },
    {
      name: 'Deployment: default grace period under sleep plus shutdown',
      code: workload('Deployment', sleeping(25)),
      errors: [
        {
          messageId: 'tooShort',
          message:
            'terminationGracePeriodSeconds is 30s (the default), but container "web" sleeps 25s in preStop: that leaves 5s to shut down, under the 10s assumed (option shutdownSeconds). Raise it to at least 35.',
          // Missing field: reported at the pod spec's key.
          line: 11,
          column: 5,
          path: '/spec/template/spec/terminationGracePeriodSeconds',
        },
      ],
    },
    {
      name: 'StatefulSet: explicit grace period equal to the sleep',
      code: workload('StatefulSet', sleeping(20), 'terminationGracePeriodSeconds: 20'),
      errors: [
        {
          messageId: 'tooShort',
          message:
            'terminationGracePeriodSeconds is 20s, but container "web" sleeps 20s in preStop: that leaves 0s to shut down, under the 10s assumed (option shutdownSeconds). Raise it to at least 30.',
          line: 18,
          column: 38,
        },
      ],
    },
    {
      name: 'CronJob: the exec sleep counts',
      code: workload('CronJob', '- name: job\n  image: x\n  lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 60"]}}}\n', 'terminationGracePeriodSeconds: 60'),
      errors: [{ messageId: 'tooShort', line: 18, column: 42 }],
    },
    {
      name: 'strict: a grace period cut under the shutdown time without any preStop',
      code: workload('Pod', '- name: web\n  image: x\n', 'terminationGracePeriodSeconds: 3'),
      options: { reportWithoutPreStop: true },
      errors: [
        {
          messageId: 'belowShutdown',
          message:
            'terminationGracePeriodSeconds is 3s, under the 10s assumed (option shutdownSeconds) for the process to finish in-flight work before the kubelet sends SIGKILL. Raise it to at least 10.',
          line: 10,
          column: 34,
        },
      ],
    },
  ],
});
