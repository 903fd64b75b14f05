import { containersOf, defineRule, joinPointer, type ContainerView, type PodView } from '@kubelore/core';
import { isOneShotJob } from '@kubelore/plugin-references';
import { isCoveredInit, isPauseContainer, isScheduled, resourcesOf } from '../resources.js';

const CRITICAL_PRIORITIES = new Set(['system-node-critical', 'system-cluster-critical']);

const CONSEQUENCES: Record<string, string> = {
  cpu: 'it gets the smallest cpu weight, so it starves when the node is busy',
  memory: "the scheduler reserves no memory for it, and all it uses is over the pod's request when the kubelet picks pods to evict under memory pressure",
};

// For a pod the kubelet does not evict, what a missing request still changes.
const CRITICAL_CONSEQUENCES: Record<string, string> = {
  cpu: CONSEQUENCES.cpu!,
  memory: 'the scheduler counts none of its memory, so the node it runs on can be overcommitted and other pods evicted',
};

function consequenceOf(missing: string[], table: Record<string, string> = CONSEQUENCES): string {
  const parts = missing.map((resource) => table[resource] ?? `the scheduler reserves no ${resource} for it`);
  return `${parts.join('; ')}.`;
}

/** Whether the pod's only main containers are pause containers, its work done by one-shot init containers. */
function isSetupThenPause(pod: PodView): boolean {
  const views = containersOf(pod);
  return views.some((view) => view.role === 'container') && views.every((view) => view.role !== 'container' || isPauseContainer(view)) && !views.some((view) => view.sidecar);
}

/** Whether no container of the pod (init and sidecars included) requests or limits cpu or memory: QoS class BestEffort. */
function isBestEffort(pod: PodView): boolean {
  return containersOf(pod).every((view) => {
    if (view.role === 'ephemeral') return true;
    const { requests } = resourcesOf(view);
    return ['cpu', 'memory'].every((resource) => requests[resource] === undefined || requests[resource] === null);
  });
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a container without cpu and memory requests (one-shot init containers and the pause container aside)',
      story:
        'the scheduler places pods by their requests; a pod that requests nothing fits on any node, so busy nodes keep receiving pods until they saturate, and the kubelet evicts the pods that asked for nothing first.',
      recommended: true,
    },
    messages: {
      bestEffort:
        'No container of this pod requests or limits cpu or memory ({{names}}): the pod is BestEffort, the first the kubelet evicts when the node runs short of memory, and the scheduler places it as if it needed nothing. Set resources.requests on {{each}}.',
      missing: 'Container "{{name}}" requests no {{resources}}: {{consequence}} Set resources.requests.',
      critical:
        'Container "{{name}}" requests no {{resources}}: its priority class {{priority}} spares the pod from the kubelet\'s evictions, but {{consequence}} Set resources.requests.',
    },
    schema: {
      type: 'object',
      properties: {
        resources: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
        reportCriticalMemory: { type: 'boolean' },
        reportNodeSetup: { type: 'boolean' },
        reportOneShotJobs: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    defaultOptions: { resources: ['cpu', 'memory'] as string[], reportCriticalMemory: false, reportNodeSetup: false, reportOneShotJobs: false },
    strictOptions: { reportCriticalMemory: true, reportNodeSetup: true, reportOneShotJobs: true },
    visits: ['Container'],
  },
  create(context) {
    const { resources: wanted, reportCriticalMemory, reportNodeSetup, reportOneShotJobs } = context.options;
    const checked = (view: ContainerView) => isScheduled(view) && !isCoveredInit(view) && !isPauseContainer(view);
    return {
      Container(view) {
        if (!checked(view)) return;
        if (!reportOneShotJobs && isOneShotJob(view.resource)) return;
        // Setup done by one-shot init containers, then only the pause container: once Running the pod does
        // nothing, so being evicted first costs a rerun of an idempotent setup. Strict asks all the same.
        if (!reportNodeSetup && view.role === 'init' && !view.sidecar && isSetupThenPause(view.pod)) return;
        const { requests } = resourcesOf(view);
        let missing = wanted.filter((resource) => requests[resource] === undefined || requests[resource] === null);
        if (missing.length === 0) return;
        const pointer = joinPointer(view.pointer, 'resources', 'requests');
        // The kubelet never evicts pods of a system-critical priority for node pressure: unrequested memory
        // then only skews the scheduler's count of the node, a strict question; cpu still sets the weight.
        const priority = view.pod.spec.priorityClassName;
        if (typeof priority === 'string' && CRITICAL_PRIORITIES.has(priority)) {
          if (!reportCriticalMemory) missing = missing.filter((resource) => resource !== 'memory');
          if (missing.length === 0) return;
          const consequence = consequenceOf(missing, CRITICAL_CONSEQUENCES);
          context.report({ node: view, pointer, messageId: 'critical', data: { name: view.name, resources: missing.join(' or '), priority, consequence } });
          return;
        }
        if (isBestEffort(view.pod)) {
          // One finding for the pod, at its first container: the class is the pod's, not each container's.
          const all = containersOf(view.pod).filter(checked);
          if (all[0] !== undefined && (all[0].role !== view.role || all[0].index !== view.index)) return;
          const names = all.map((other) => `"${other.name}"`).join(', ');
          context.report({ node: view, pointer, messageId: 'bestEffort', data: { names, each: all.length === 1 ? 'it' : 'each' } });
          return;
        }
        context.report({ node: view, pointer, messageId: 'missing', data: { name: view.name, resources: missing.join(' or '), consequence: consequenceOf(missing) } });
      },
    };
  },
});
