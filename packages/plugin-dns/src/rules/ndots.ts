import { containersOf, defineRule, editorFor, isPlainObject, joinPointer, type PodView, type ResourceIndex, type Suggestion } from '@kubelore/core';
import { dotsIn, hostnamesIn, isInternalOrQualified } from '../hostnames.js';

interface Options {
  clusterDomain: string;
  internalSuffixes: string[];
  minNames: number;
}

/** An external name the pod resolves, and where the pod gets it from. */
interface NameSource {
  name: string;
  pointer: string;
}

// The kubelet writes these for a ClusterFirst pod; the node's own search domains come after them.
const CLUSTER_SEARCHES = 3;
const DEFAULT_NDOTS = 5;

function configMapData(index: ResourceIndex, name: unknown, namespace: string | undefined): Record<string, unknown> {
  if (typeof name !== 'string') return {};
  const map = index.find('ConfigMap', name, namespace);
  return map && isPlainObject(map.object.data) ? map.object.data : {};
}

/** Every external-looking name in the pod's env, args, command and the ConfigMaps it reads or mounts. */
function namesOf(pod: PodView, index: ResourceIndex): NameSource[] {
  const sources: NameSource[] = [];
  const add = (text: unknown, pointer: string) => {
    if (typeof text !== 'string') return;
    for (const name of hostnamesIn(text)) sources.push({ name, pointer });
  };
  const namespace = pod.resource.namespace;
  for (const view of containersOf(pod)) {
    const { container } = view;
    for (const field of ['command', 'args'] as const) {
      (container[field] ?? []).forEach((part, i) => add(part, joinPointer(view.pointer, field, i)));
    }
    (container.env ?? []).forEach((variable, i) => {
      const at = joinPointer(view.pointer, 'env', i);
      add(variable.value, joinPointer(at, 'value'));
      const ref = variable.valueFrom?.configMapKeyRef;
      if (ref) add(configMapData(index, ref.name, namespace)[ref.key], joinPointer(at, 'valueFrom'));
    });
    (container.envFrom ?? []).forEach((source, i) => {
      const data = configMapData(index, source.configMapRef?.name, namespace);
      for (const value of Object.values(data)) add(value, joinPointer(view.pointer, 'envFrom', i));
    });
  }
  (pod.spec.volumes ?? []).forEach((volume, i) => {
    const data = configMapData(index, volume.configMap?.name, namespace);
    for (const value of Object.values(data)) add(value, joinPointer(pod.pointer, 'volumes', i));
  });
  return sources;
}

/** The resolver the pod gets: its ndots and how many search domains come before a short name. */
function resolverOf(pod: PodView): { ndots: number; searches: number } | undefined {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const config = pod.spec.dnsConfig;
  const ndotsOption = config?.options?.find((option) => option.name === 'ndots');
  const extraSearches = config?.searches?.length ?? 0;
  // `Default` is the node's resolv.conf, and ClusterFirst on the host network falls back to it.
  if (policy === 'Default' || (pod.spec.hostNetwork === true && policy === 'ClusterFirst')) return undefined;
  if (policy === 'None') {
    // Only what dnsConfig says; the resolver's own default ndots is 1.
    const ndots = ndotsOption?.value !== undefined ? Number(ndotsOption.value) : 1;
    return extraSearches > 0 && Number.isFinite(ndots) ? { ndots, searches: extraSearches } : undefined;
  }
  const ndots = ndotsOption?.value !== undefined ? Number(ndotsOption.value) : DEFAULT_NDOTS;
  return Number.isFinite(ndots) ? { ndots, searches: CLUSTER_SEARCHES + extraSearches } : undefined;
}

function suggestNdots(pod: PodView, value: number): Suggestion[] {
  const option = { name: 'ndots', value: String(value) };
  const editor = editorFor(pod);
  const config = pod.spec.dnsConfig;
  const fix = !config
    ? editor.insertKey(pod.pointer, 'dnsConfig', { options: [option] })
    : !config.options
      ? editor.insertKey(joinPointer(pod.pointer, 'dnsConfig'), 'options', [option])
      : null;
  return fix ? [{ desc: `Set dnsConfig option ndots to "${value}"`, fix }] : [];
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a pod that resolves external names with fewer dots than its `ndots` (5 by default)',
      story:
        'with `ndots: 5` every lookup of a name like `dynamodb.eu-west-1.amazonaws.com` first tries each search domain, as A and AAAA queries that all fail, before the real one; DNS latency ends up dominating request latency.',
      recommended: true,
    },
    messages: {
      walksSearchDomains:
        '"{{name}}" has {{dots}} dot(s), fewer than ndots {{ndots}}: each lookup first tries {{searches}} search domains ({{queries}} failing queries, A and AAAA){{others}}. Set the dnsConfig option ndots to "{{suggested}}", or write the name with a trailing dot.',
    },
    schema: {
      type: 'object',
      properties: {
        clusterDomain: { type: 'string', minLength: 1 },
        internalSuffixes: { type: 'array', items: { type: 'string', minLength: 1 } },
        minNames: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    defaultOptions: { clusterDomain: 'cluster.local', internalSuffixes: [], minNames: 1 } as Options,
    hasSuggestions: true,
  },
  create(context) {
    const { clusterDomain, internalSuffixes, minNames } = context.options;
    return {
      PodSpec(pod) {
        const resolver = resolverOf(pod);
        if (!resolver) return;
        const walking = namesOf(pod, context.index).filter(
          (source) => !isInternalOrQualified(source.name, clusterDomain, internalSuffixes) && dotsIn(source.name) < resolver.ndots,
        );
        const distinct = [...new Set(walking.map((source) => source.name))];
        if (distinct.length === 0 || distinct.length < minNames) return;
        // One finding per pod, at the first name: the fix is one setting for all of them.
        const first = walking[0]!;
        const suggested = Math.max(1, Math.min(...distinct.map(dotsIn)));
        const others = distinct.length - 1;
        context.report({
          node: pod,
          pointer: first.pointer,
          messageId: 'walksSearchDomains',
          data: {
            name: first.name,
            dots: dotsIn(first.name),
            ndots: resolver.ndots,
            searches: resolver.searches,
            queries: resolver.searches * 2,
            others: others > 0 ? `; ${others} other name(s) too` : '',
            suggested,
          },
          suggest: suggestNdots(pod, suggested),
        });
      },
    };
  },
});
