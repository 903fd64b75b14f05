import {
  containersOf,
  defineRule,
  describeResource,
  editorFor,
  isIgnoredByAnnotation,
  isPlainObject,
  joinPointer,
  type PodView,
  type ReportNode,
  type Resource,
  type ResourceIndex,
  type Suggestion,
} from '@kubelore/core';
import { configNames, dotsIn, endpointNames, isInternalOrQualified, namesEndpoint, type NameAt } from '../hostnames.js';
import { eachMapping, listOf, mappingsOf } from '../shapes.js';

interface Options {
  clusterDomain: string;
  internalSuffixes: string[];
  minNames: number;
}

/** An external name the pod resolves, and where it is written. */
interface NameSource {
  name: string;
  node: ReportNode;
  pointer: string;
  within?: [number, number];
  /** The ConfigMap the name is written in, when the finding points there. */
  configMap?: Resource;
}

// The kubelet writes these for a ClusterFirst pod; the node's own search domains come after them.
const CLUSTER_SEARCHES = 3;
const DEFAULT_NDOTS = 5;

// A configuration file in a ConfigMap is read once, however many pods mount it.
const configNamesByMap = new WeakMap<Resource, Map<string, NameAt[]>>();

function configNamesOf(map: Resource, key: string, value: string): NameAt[] {
  let byKey = configNamesByMap.get(map);
  if (!byKey) configNamesByMap.set(map, (byKey = new Map()));
  let names = byKey.get(key);
  if (!names) byKey.set(key, (names = configNames(value)));
  return names;
}

/** Every external name the pod resolves: its env values and args, and the ConfigMaps it reads or mounts. */
function namesOf(pod: PodView, index: ResourceIndex, ruleId: string): NameSource[] {
  const sources: NameSource[] = [];
  const namespace = pod.resource.namespace;
  // A name written in a ConfigMap of the same file is reported where it is written; a ConfigMap of
  // another file cannot be pointed into, and an ignore annotation on the pod must still silence the
  // finding, so both are reported at the pod's reference.
  const inConfigMap = (map: Resource | undefined, key: string, reference: string, found: NameAt[]) => {
    for (const name of found) {
      if (map && map.source === pod.resource.source && !isIgnoredByAnnotation(pod.resource, ruleId)) {
        sources.push({ name: name.name, node: map, pointer: joinPointer(map.pointer, 'data', key), within: [name.start, name.end], configMap: map });
      } else sources.push({ name: name.name, node: pod, pointer: reference });
    }
  };
  const configMap = (name: unknown): Resource | undefined => (typeof name === 'string' ? index.find('ConfigMap', name, namespace) : undefined);
  const dataOf = (map: Resource | undefined): Record<string, unknown> => (map && isPlainObject(map.object.data) ? map.object.data : {});
  for (const view of containersOf(pod)) {
    const { container } = view;
    for (const field of ['command', 'args'] as const) {
      const items = listOf(container[field]);
      items.forEach((part, i) => {
        // Every name has a dot: the flag before the value need not be read for most arguments.
        if (typeof part !== 'string' || !part.includes('.')) return;
        // `["--endpoint", "api.example.com"]`: the flag before a value names it.
        const previous = i > 0 ? /^--?([\w.-]+)$/.exec(String(items[i - 1])) : null;
        for (const name of endpointNames(part, previous?.[1] ?? '')) {
          sources.push({ name: name.name, node: view, pointer: joinPointer(view.pointer, field, i), within: [name.start, name.end] });
        }
      });
    }
    eachMapping<Record<string, unknown>>(container.env, (variable, i) => {
      if (typeof variable.value === 'string') {
        for (const name of endpointNames(variable.value, String(variable.name ?? ''))) {
          sources.push({ name: name.name, node: view, pointer: joinPointer(view.pointer, 'env', i, 'value'), within: [name.start, name.end] });
        }
      }
      const ref = isPlainObject(variable.valueFrom) ? variable.valueFrom.configMapKeyRef : undefined;
      if (isPlainObject(ref) && typeof ref.key === 'string') {
        const map = configMap(ref.name);
        const value = dataOf(map)[ref.key];
        if (typeof value === 'string') inConfigMap(map, ref.key, joinPointer(view.pointer, 'env', i, 'valueFrom'), endpointNames(value, String(variable.name ?? '')));
      }
    });
    eachMapping<Record<string, unknown>>(container.envFrom, (source, i) => {
      const map = configMap(isPlainObject(source.configMapRef) ? source.configMapRef.name : undefined);
      for (const [key, value] of Object.entries(dataOf(map))) {
        if (typeof value === 'string') inConfigMap(map, key, joinPointer(view.pointer, 'envFrom', i), endpointNames(value, key));
      }
    });
  }
  eachMapping<Record<string, unknown>>(pod.spec.volumes, (volume, i) => {
    const projected = isPlainObject(volume.projected) ? mappingsOf<Record<string, unknown>>(volume.projected.sources) : [];
    const mounts = [volume.configMap, ...projected.map((source) => source.configMap)];
    for (const mount of mounts) {
      if (!isPlainObject(mount)) continue;
      const map = configMap(mount.name);
      // Only the keys the volume lists are files in the pod.
      const listed = Array.isArray(mount.items) ? new Set(mappingsOf<Record<string, unknown>>(mount.items).map((item) => item.key)) : undefined;
      for (const [key, value] of Object.entries(dataOf(map))) {
        if (typeof value !== 'string' || (listed && !listed.has(key))) continue;
        // A file of one line is a value under its file name; a longer one is a configuration file.
        const line = value.replace(/\r?\n$/, '');
        const found = line.includes('\n') ? configNamesOf(map!, key, value) : namesEndpoint(key) ? endpointNames(line, key) : [];
        inConfigMap(map, key, joinPointer(pod.pointer, 'volumes', i), found);
      }
    }
  });
  return sources;
}

/** The resolver the pod gets: its ndots and how many search domains come before a short name. */
function resolverOf(pod: PodView): { ndots: number; searches: number } | undefined {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const config = isPlainObject(pod.spec.dnsConfig) ? pod.spec.dnsConfig : undefined;
  const ndotsOption = mappingsOf<Record<string, unknown>>(config?.options).find((option) => option.name === 'ndots');
  const extraSearches = listOf(config?.searches).length;
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
  // A dnsConfig that is not a mapping: no edit can be placed safely.
  if (config !== undefined && config !== null && !isPlainObject(config)) return [];
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
      walksSearchDomainsFrom:
        '{{reader}} resolves "{{name}}" from this ConfigMap, with {{dots}} dot(s), fewer than its ndots {{ndots}}: each lookup first tries {{searches}} search domains ({{queries}} failing queries, A and AAAA){{others}}. Set the dnsConfig option ndots of {{reader}} to "{{suggested}}", or write the name with a trailing dot.',
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
    visits: ['PodSpec'],
  },
  create(context) {
    const { clusterDomain, internalSuffixes, minNames } = context.options;
    return {
      PodSpec(pod) {
        const resolver = resolverOf(pod);
        if (!resolver) return;
        const walking = namesOf(pod, context.index, context.id).filter(
          (source) => !isInternalOrQualified(source.name, clusterDomain, internalSuffixes) && dotsIn(source.name) < resolver.ndots,
        );
        const distinct = [...new Set(walking.map((source) => source.name))];
        if (distinct.length === 0 || distinct.length < minNames) return;
        // One finding per pod, at the first name: the fix is one setting for all of them.
        const first = walking[0]!;
        const suggested = Math.max(1, Math.min(...distinct.map(dotsIn)));
        const others = distinct.length - 1;
        context.report({
          node: first.node,
          pointer: first.pointer,
          ...(first.within ? { within: first.within } : {}),
          messageId: first.configMap ? 'walksSearchDomainsFrom' : 'walksSearchDomains',
          data: {
            reader: describeResource(pod.resource),
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
