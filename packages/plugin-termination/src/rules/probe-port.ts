import { containersOf, defineRule, joinPointer } from '@kubelore/core';
import type { Probe } from 'kubernetes-types/core/v1.js';
import { portsOf } from '../serving.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: "a probe's port name the container does not declare, or a probe port number that another container of the pod declares",
      story:
        'a probe on a port name the container does not declare can never pass, and a probe on a port of another container of the pod tests that container: the pod never becomes ready, is restarted forever, or is restarted for a neighbour\'s fault.',
      recommended: true,
    },
    messages: {
      unknownName: '{{probe}} of container "{{name}}" uses port name "{{port}}", which the container does not declare; the kubelet cannot resolve it and the probe always fails.',
      nameOfOther:
        '{{probe}} of container "{{name}}" uses port name "{{port}}", which only container "{{other}}" declares: the kubelet resolves a probe\'s port name among the probed container\'s own ports, so the probe always fails. Use the number, or declare the port in "{{name}}".',
      numberOfOther:
        '{{probe}} of container "{{name}}" checks port {{port}}, which container "{{other}}" declares: the containers share the pod\'s network, so the probe tests "{{other}}", not "{{name}}". Point it at a port "{{name}}" listens on.',
      numberOfOtherPortless:
        '{{probe}} of container "{{name}}" checks port {{port}}, which container "{{other}}" declares: the probe passes or fails with "{{other}}". "{{name}}" declares no port, so this is right only if "{{other}}" reports on "{{name}}"\'s health; otherwise point the probe at a port "{{name}}" listens on.',
      undeclaredNumber:
        '{{probe}} of container "{{name}}" checks port {{port}}, which is not among the ports the container declares ({{declared}}): the kubelet probes it all the same, so make sure the process listens there, and declare it.',
    },
    schema: {
      type: 'object',
      properties: { reportUndeclaredPorts: { type: 'boolean' }, reportPortlessContainers: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { reportUndeclaredPorts: false, reportPortlessContainers: false },
    strictOptions: { reportUndeclaredPorts: true, reportPortlessContainers: true },
    visits: ['Container'],
  },
  create(context) {
    return {
      Container(view) {
        const ports = portsOf(view);
        const names = new Set(ports.map((port) => port.name).filter(Boolean));
        const numbers = new Set(ports.map((port) => Number(port.containerPort)));
        // The containers running beside this one: regular containers and native sidecars.
        const others = () => containersOf(view.pod).filter((other) => (other.role === 'container' || other.sidecar) && !(other.role === view.role && other.index === view.index));
        for (const probeName of PROBES) {
          const probe = view.container[probeName] as (Probe & Record<string, any>) | undefined;
          if (!probe || typeof probe !== 'object') continue;
          for (const handler of HANDLERS) {
            const port = probe[handler]?.port;
            if (port === undefined || port === null) continue;
            const pointer = joinPointer(view.pointer, probeName, handler, 'port');
            const data = { probe: probeName, name: view.name, port: String(port), declared: [...numbers].join(', '), other: '' };
            // A numeric string is still a number to the API server (int-or-string).
            const asNumber = typeof port === 'number' || /^\d+$/.test(String(port)) ? Number(port) : undefined;
            if (asNumber === undefined) {
              if (names.has(String(port))) continue;
              const owner = others().find((other) => portsOf(other).some((declared) => declared.name === String(port)));
              if (owner) context.report({ node: view, pointer, messageId: 'nameOfOther', data: { ...data, other: owner.name } });
              else context.report({ node: view, pointer, messageId: 'unknownName', data });
              continue;
            }
            if (numbers.has(asNumber)) continue;
            // Declaring a port is documentation: only a number another container claims is known to be wrong.
            const owner = others().find((other) => portsOf(other).some((declared) => Number(declared.containerPort) === asNumber));
            // A container that listens on nothing of its own is often health-checked through a sidecar that
            // reports on it (MetalLB's frr through frr-metrics): only strict asks about that.
            if (owner && ports.length === 0) {
              if (context.options.reportPortlessContainers) context.report({ node: view, pointer, messageId: 'numberOfOtherPortless', data: { ...data, other: owner.name } });
            } else if (owner) context.report({ node: view, pointer, messageId: 'numberOfOther', data: { ...data, other: owner.name } });
            else if (context.options.reportUndeclaredPorts && ports.length > 0) context.report({ node: view, pointer, messageId: 'undeclaredNumber', data });
          }
        }
      },
    };
  },
});
