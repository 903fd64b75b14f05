import { defineRule, joinPointer } from '@kubelore/core';
import type { ContainerPort, Probe } from 'kubernetes-types/core/v1.js';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: "a probe's port is not a port the container declares",
      story:
        'a probe aimed at a port nobody listens on, or at a port name that does not exist, can never pass: the pod never becomes ready, or is restarted forever.',
      recommended: true,
    },
    messages: {
      unknownName: '{{probe}} of container "{{name}}" uses port name "{{port}}", which the container does not declare; the kubelet cannot resolve it and the probe always fails.',
      undeclaredNumber:
        '{{probe}} of container "{{name}}" checks port {{port}}, which is not among the ports the container declares ({{declared}}): if nothing listens there the probe never passes. Declare the port or point the probe at a declared one.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    return {
      Container(view) {
        const ports = (Array.isArray(view.container.ports) ? view.container.ports : []) as ContainerPort[];
        const names = new Set(ports.map((port) => port.name).filter(Boolean));
        const numbers = new Set(ports.map((port) => Number(port.containerPort)));
        for (const probeName of PROBES) {
          const probe = view.container[probeName] as (Probe & Record<string, any>) | undefined;
          if (!probe || typeof probe !== 'object') continue;
          for (const handler of HANDLERS) {
            const port = probe[handler]?.port;
            if (port === undefined || port === null) continue;
            const pointer = joinPointer(view.pointer, probeName, handler, 'port');
            const data = { probe: probeName, name: view.name, port: String(port), declared: [...numbers].join(', ') };
            // A numeric string is still a number to the API server (int-or-string).
            const asNumber = typeof port === 'number' || /^\d+$/.test(String(port)) ? Number(port) : undefined;
            if (asNumber === undefined) {
              if (!names.has(String(port))) context.report({ node: view, pointer, messageId: 'unknownName', data });
            } else if (ports.length > 0 && !numbers.has(asNumber)) {
              // With no ports declared at all we cannot know what listens: declaring ports is optional.
              context.report({ node: view, pointer, messageId: 'undeclaredNumber', data });
            }
          }
        }
      },
    };
  },
});
