import { RuleTester, FIRST_CONTAINER, workload } from '@kubelore/rule-tester';
import rule from '../src/rules/probe-port.js';

const container = (probe: string) => `- name: web
  image: ghcr.io/acme/api:1.0
  ports:
    - {name: http, containerPort: 8080}
  ${probe}
`;
// A daemon that declares no port, probed through the sidecar that reports on it (MetalLB's frr and frr-metrics).
const portless = (probe: string) => `- name: frr
  image: frr
  env: []
  command: [docker-start]
  ${probe}
`;
const sidecar = `- name: proxy
  image: y
  ports:
    - {name: status, containerPort: 15020}
`;
// The probe is on the 5th line of the container, its key in the container's key column.
const at = (kind: keyof typeof FIRST_CONTAINER, offsetInProbe: number) => ({ line: FIRST_CONTAINER[kind].line + 4, column: FIRST_CONTAINER[kind].column + offsetInProbe });

new RuleTester().run('termination/probe-port', rule, {
  valid: [
    { name: 'named port that exists', code: workload('Deployment', container('readinessProbe: {httpGet: {path: /, port: http}}')) },
    { name: 'declared number', code: workload('StatefulSet', container('livenessProbe: {tcpSocket: {port: 8080}}')) },
    { name: 'numeric string counts as the number', code: workload('Pod', container('startupProbe: {httpGet: {path: /, port: "8080"}}')) },
    { name: 'no ports declared: nothing to compare', code: workload('CronJob', '- name: job\n  image: x\n  livenessProbe: {tcpSocket: {port: 9000}}\n') },
    { name: 'an undeclared number is probed all the same', code: workload('StatefulSet', container('livenessProbe: {tcpSocket: {port: 9090}}')) },
    { name: 'a number only a plain init container declares is not claimed by a running container', code: workload('Deployment', container('livenessProbe: {tcpSocket: {port: 9000}}'), 'initContainers:\n  - {name: setup, image: z, ports: [{containerPort: 9000}]}') },
    {
      name: 'a container with no port of its own, probed on the sidecar that reports on it: strict asks',
      code: workload('DaemonSet', portless('livenessProbe: {httpGet: {path: /livez, port: 15020}}') + sidecar),
    },
    { name: 'exec probes have no port', code: workload('Pod', container('livenessProbe: {exec: {command: [cat, /tmp/ok]}}')) },
  ],
  invalid: [
    {
      name: 'Deployment: unknown port name',
      code: workload('Deployment', container('readinessProbe: {httpGet: {path: /, port: metrics}}')),
      errors: [
        {
          messageId: 'unknownName',
          message: 'readinessProbe of container "web" uses port name "metrics", which the container does not declare; the kubelet cannot resolve it and the probe always fails.',
          ...at('Deployment', 42),
        },
      ],
    },
    {
      name: 'strict: StatefulSet, undeclared number',
      code: workload('StatefulSet', container('livenessProbe: {tcpSocket: {port: 9090}}')),
      options: { reportUndeclaredPorts: true },
      errors: [
        {
          messageId: 'undeclaredNumber',
          message:
            'livenessProbe of container "web" checks port 9090, which is not among the ports the container declares (8080): the kubelet probes it all the same, so make sure the process listens there, and declare it.',
          ...at('StatefulSet', 34),
        },
      ],
    },
    {
      name: 'strict: CronJob, grpc probe on an undeclared port',
      code: workload('CronJob', container('livenessProbe: {grpc: {port: 9000}}')),
      options: { reportUndeclaredPorts: true },
      errors: [{ messageId: 'undeclaredNumber', ...at('CronJob', 29) }],
    },
    {
      name: "a number another container declares: the probe tests that container",
      code: workload('Deployment', container('livenessProbe: {httpGet: {path: /, port: 15020}}') + sidecar),
      errors: [
        {
          messageId: 'numberOfOther',
          message:
            'livenessProbe of container "web" checks port 15020, which container "proxy" declares: the containers share the pod\'s network, so the probe tests "proxy", not "web". Point it at a port "web" listens on.',
          ...at('Deployment', 41),
        },
      ],
    },
    {
      name: 'strict: a container with no port of its own, probed on a sidecar\'s port',
      code: workload('DaemonSet', portless('livenessProbe: {httpGet: {path: /livez, port: 15020}}') + sidecar),
      options: { reportPortlessContainers: true },
      errors: [
        {
          messageId: 'numberOfOtherPortless',
          message:
            'livenessProbe of container "frr" checks port 15020, which container "proxy" declares: the probe passes or fails with "proxy". "frr" declares no port, so this is right only if "proxy" reports on "frr"\'s health; otherwise point the probe at a port "frr" listens on.',
          ...at('DaemonSet', 46),
        },
      ],
    },
    {
      name: "a name only a native sidecar declares: names resolve in the container's own ports",
      code: workload('Pod', container('readinessProbe: {httpGet: {path: /, port: status}}'), 'initContainers:\n' + sidecar.replace(/^/gm, '  ').replace('image: y', 'image: y\n    restartPolicy: Always')),
      errors: [{ messageId: 'nameOfOther', data: { probe: 'readinessProbe', name: 'web', port: 'status', other: 'proxy' }, ...at('Pod', 42) }],
    },
    {
      name: 'strict: Pod, several probes, each reported',
      options: { reportUndeclaredPorts: true },
      code: workload('Pod', container('readinessProbe: {httpGet: {path: /, port: admin}}\n  startupProbe: {httpGet: {path: /, port: 81}}')),
      errors: [
        { messageId: 'unknownName', ...at('Pod', 42) },
        { messageId: 'undeclaredNumber', line: FIRST_CONTAINER.Pod.line + 5, column: FIRST_CONTAINER.Pod.column + 40 },
      ],
    },
  ],
});
