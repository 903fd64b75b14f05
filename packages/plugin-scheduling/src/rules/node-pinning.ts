import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1.js';
import { defineRule, isPlainObject, joinPointer } from '@kubelore/core';
import { mappingsOf } from '../shapes.js';

const HOSTNAME = 'kubernetes.io/hostname';

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod pinned to one node: `nodeName`, or a `nodeSelector` or required node affinity on a single hostname',
      story:
        'a workload pinned to one node goes down with that node, cannot be rescheduled during a drain, and piles every replica onto the same machine.',
      recommended: true,
    },
    messages: {
      nodeName: '`nodeName: {{node}}` pins the pod to one node and bypasses the scheduler: it stays down while that node is down. Use node affinity on a label that several nodes share.',
      hostname: 'The pod can only run on node "{{node}}" ({{how}}): it goes down with that node. Select on a label that several nodes share.',
      nodeNamePerNode:
        '`nodeName: {{node}}` binds the {{kind}}\'s pod to the node without the scheduler: only the kubelet checks that it fits, and a pod that does not is failed (OutOfcpu, OutOfmemory) instead of waiting. To run on that node on purpose, select it with `nodeSelector: {kubernetes.io/hostname: {{node}}}`.',
    },
    schema: {
      type: 'object',
      properties: { perNodeKinds: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
      additionalProperties: false,
    },
    // Run-to-completion and bare pods pinned to a host are usually per-node work: cleanup, debugging, benchmarks.
    defaultOptions: { perNodeKinds: ['Job', 'CronJob', 'Pod'] as string[] },
    visits: ['PodSpec'],
  },
  create(context) {
    return {
      PodSpec(pod) {
        // A DaemonSet is per node by design; its controller sets nodeName itself.
        if (pod.resource.kind === 'DaemonSet') return;
        const { spec } = pod;
        const perNode = context.options.perNodeKinds.includes(pod.resource.kind);
        if (typeof spec.nodeName === 'string' && spec.nodeName !== '') {
          const pointer = joinPointer(pod.pointer, 'nodeName');
          if (perNode) context.report({ node: pod, pointer, messageId: 'nodeNamePerNode', data: { node: spec.nodeName, kind: pod.resource.kind } });
          else context.report({ node: pod, pointer, messageId: 'nodeName', data: { node: spec.nodeName } });
        }
        // Pinning a per-node kind to a host through the scheduler is its point.
        if (perNode) return;
        const selected = isPlainObject(spec.nodeSelector) ? spec.nodeSelector[HOSTNAME] : undefined;
        if (selected !== undefined) {
          context.report({ node: pod, pointer: joinPointer(pod.pointer, 'nodeSelector', HOSTNAME), messageId: 'hostname', data: { node: String(selected), how: 'nodeSelector' } });
        }
        const required = (spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown } } } | undefined)?.nodeAffinity
          ?.requiredDuringSchedulingIgnoredDuringExecution;
        const terms = mappingsOf<NodeSelectorTerm>(isPlainObject(required) ? required.nodeSelectorTerms : undefined);
        // Terms are ORed: the pod is pinned only when every term allows one single hostname.
        const hosts = terms.map((term) => {
          const expressions = mappingsOf<NodeSelectorRequirement>(term.matchExpressions);
          const host = expressions.find((e) => e.key === HOSTNAME && e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1);
          return host && typeof host.values![0] === 'string' ? host.values![0] : undefined;
        });
        if (terms.length > 0 && hosts.every((host) => host !== undefined) && new Set(hosts).size === 1) {
          const pointer = joinPointer(pod.pointer, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
          context.report({ node: pod, pointer, messageId: 'hostname', data: { node: hosts[0]!, how: 'required node affinity' } });
        }
      },
    };
  },
});
