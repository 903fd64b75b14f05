import { containersOf, defineRule, describeLabels, editDistance, isPlainObject, joinPointer, type IndexChange, type PodView, type Resource, type ResourceIndex } from '@kubelore/core';
import { listOf } from '../shapes.js';
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { CONTROLLER_KEYS, selectsWithControllerLabels } from '../controller-labels.js';
import { createsUnseenPods } from '../pod-creators.js';
import { applyScopeOf, applyUnits, type ApplyUnits } from '../scope.js';


/** The string and each string one character shorter: two strings one edit apart share one of these. */
function variants(text: string): string[] {
  const out = [text];
  for (let i = 0; i < text.length; i++) out.push(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/**
 * Pods of each namespace by label pairs, exact and one typo away in the value or the key (a deletion,
 * insertion or substitution, found through shared one-deletion variants), kept per index and updated
 * with an editor's edits: the closest label sets come from lookups, not from comparing every pod with
 * every selector. The variants are indexed per namespace and label key (for typos in values) and per
 * namespace and value (for typos in keys), each when a selector first asks for it: variants of every
 * label of every pod, built up front, were most of the rule's time, for the few keys selectors use.
 */
class LabelNeighbours {
  /** Per `namespace\0key`: pods with that label, by one-deletion variant of its value. */
  private readonly byValue = new Map<string, Map<string, Set<PodView>>>();
  /** Per `namespace\0value`: pods with a label of that value, by one-deletion variant of its key. */
  private readonly byKey = new Map<string, Map<string, Set<PodView>>>();
  /**
   * The pods of each namespace, by object, in the order they came in (the index's, then an editor's
   * additions): each table above lists its pods in that order, whenever it is built. An object taken
   * out of the index no longer has its pod there.
   */
  private readonly pods = new Map<string, Map<Resource, PodView>>();

  constructor(index: ResourceIndex) {
    for (const pod of index.podViews()) this.podsIn(pod.resource.namespace ?? '').set(pod.resource, pod);
  }

  update(index: ResourceIndex, change: IndexChange): boolean {
    for (const resource of change.removed) {
      const pods = this.podsIn(resource.namespace ?? '');
      const pod = pods.get(resource);
      if (!pod) continue;
      pods.delete(resource);
      this.change(pod, remove);
    }
    for (const resource of change.added) {
      const pod = index.podViewOf(resource);
      if (!pod) continue;
      this.podsIn(resource.namespace ?? '').set(resource, pod);
      this.change(pod, add);
    }
    return true;
  }

  private podsIn(namespace: string): Map<Resource, PodView> {
    let pods = this.pods.get(namespace);
    if (!pods) this.pods.set(namespace, (pods = new Map()));
    return pods;
  }

  /** Adds a pod to, or takes it out of, the tables already built. */
  private change(pod: PodView, apply: (map: Map<string, Set<PodView>>, key: string, pod: PodView) => void): void {
    const namespace = pod.resource.namespace ?? '';
    for (const [key, value] of Object.entries(pod.labels)) {
      const values = this.byValue.get(`${namespace}\u0000${key}`);
      if (values) for (const variant of variants(value)) apply(values, variant, pod);
      const keys = this.byKey.get(`${namespace}\u0000${value}`);
      if (keys) for (const variant of variants(key)) apply(keys, variant, pod);
    }
  }

  /** The variant table of `namespace\0label` in `tables`, built from the pods when first asked for. */
  private tableOf(tables: Map<string, Map<string, Set<PodView>>>, namespace: string, label: string, by: 'value' | 'key'): Map<string, Set<PodView>> {
    const name = `${namespace}\u0000${label}`;
    let table = tables.get(name);
    if (!table) {
      tables.set(name, (table = new Map()));
      for (const pod of this.podsIn(namespace).values()) {
        for (const [key, value] of Object.entries(pod.labels)) {
          if (by === 'value' && key === label) for (const variant of variants(value)) add(table, variant, pod);
          if (by === 'key' && value === label) for (const variant of variants(key)) add(table, variant, pod);
        }
      }
    }
    return table;
  }

  /** Pods with the pair `key: value` or one typo away from it, each with 2 for a match and 1 for a typo. */
  scores(namespace: string, key: string, value: string): Map<PodView, number> {
    const out = new Map<PodView, number>();
    const byValue = this.tableOf(this.byValue, namespace, key, 'value');
    for (const variant of variants(value)) {
      for (const pod of byValue.get(variant) ?? []) {
        const theirs = pod.labels[key];
        if (theirs !== undefined) out.set(pod, Math.max(out.get(pod) ?? 0, theirs === value ? 2 : 1));
      }
    }
    const byKey = this.tableOf(this.byKey, namespace, value, 'key');
    for (const variant of variants(key)) {
      for (const pod of byKey.get(variant) ?? []) if (!out.has(pod) && pod.labels[key] !== value) out.set(pod, 1);
    }
    return out;
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * The tables below answer "which objects of the index are X", each decided by the object alone, and
 * are read only as sets (some, filter, sorted names): an editor's edit takes the replaced file's
 * objects out and puts the new ones in, in any order.
 */
class ObjectSets<T> {
  private readonly byKey = new Map<string, Set<T>>();
  private readonly entries = new Map<Resource, Array<[string, T]>>();

  constructor(
    resources: Iterable<Resource>,
    private readonly keysOf: (resource: Resource) => Array<[string, T]>,
  ) {
    for (const resource of resources) this.put(resource);
  }

  get(key: string): ReadonlySet<T> {
    return this.byKey.get(key) ?? EMPTY;
  }

  update(change: IndexChange): boolean {
    for (const resource of change.removed) {
      for (const [key, value] of this.entries.get(resource) ?? []) remove(this.byKey, key, value);
      this.entries.delete(resource);
    }
    for (const resource of change.added) this.put(resource);
    return true;
  }

  private put(resource: Resource): void {
    const entries = this.keysOf(resource);
    if (entries.length === 0) return;
    this.entries.set(resource, entries);
    for (const [key, value] of entries) add(this.byKey, key, value);
  }
}

const EMPTY: ReadonlySet<never> = new Set();

/** A pod a selector pair scores, with its description and its place in the pair's scores. */
interface Scored {
  pod: PodView;
  score: number;
  labels: string;
  position: number;
}

/** Best first: by score, then by labels, then as the scores came (the order a stable sort keeps). */
function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.labels.localeCompare(b.labels);
}

/** What one selector pair scores, once per run: by pod, and best first. */
interface PairScores {
  byPod: Map<PodView, Scored>;
  sorted: Scored[];
}

/**
 * The pod label sets closest to the selector, best first, at most three: a pair that matches counts 2,
 * a pair one typo away (`app: webb` beside `app: web`, or `ap: web`) counts 1. Asked for every Service
 * that selects nothing; a pair every pod has (`part-of: shop`) scores every pod of the namespace, and
 * adding up every pod's score per Service was quadratic in the number of objects. So of the pair that
 * scores the most pods, the pods no other pair scores are read from its list (sorted once per run) only
 * until three label sets are found; the pods other pairs score are added up as before.
 */
function closest(index: ResourceIndex, namespace: string, selector: Record<string, string>, applies: (pod: PodView) => boolean): string[] {
  const neighbours = index.table('references/service-selector:neighbours', { build: () => new LabelNeighbours(index), update: (table, change) => table.update(index, change) });
  const memo = index.memo('references/service-selector:pair-scores', () => new Map<string, PairScores>());
  const pairs = Object.entries(selector).map(([key, value]) => {
    const pair = `${namespace}\u0000${key}\u0000${String(value)}`;
    let scores = memo.get(pair);
    if (!scores) memo.set(pair, (scores = pairScores(neighbours.scores(namespace, key, String(value)))));
    return scores;
  });
  let largest = 0;
  pairs.forEach((scores, at) => {
    if (scores.sorted.length > pairs[largest]!.sorted.length) largest = at;
  });
  // Each candidate with its rank, the place it took in the sum over pairs in selector order.
  const summed = new Map<PodView, Scored & { pair: number }>();
  pairs.forEach((scores, at) => {
    if (at === largest) return;
    for (const entry of scores.byPod.values()) {
      const known = summed.get(entry.pod);
      if (known) known.score += entry.score;
      else summed.set(entry.pod, { ...entry, pair: at });
    }
  });
  for (const entry of summed.values()) {
    const also = pairs[largest]!.byPod.get(entry.pod);
    if (!also) continue;
    entry.score += also.score;
    if (largest < entry.pair) Object.assign(entry, { pair: largest, position: also.position });
  }
  const candidates = [...summed.values()].filter((entry) => applies(entry.pod));
  const seen = new Set<string>();
  for (const entry of pairs[largest]?.sorted ?? []) {
    if (seen.size === 3) break;
    if (summed.has(entry.pod) || !applies(entry.pod)) continue;
    seen.add(entry.labels);
    candidates.push({ ...entry, pair: largest });
  }
  const scored = candidates.sort((a, b) => a.pair - b.pair || a.position - b.position).sort(byScore);
  return [...new Set(scored.map((entry) => entry.labels))].slice(0, 3);
}

function pairScores(scores: Map<PodView, number>): PairScores {
  const byPod = new Map<PodView, Scored>();
  let position = 0;
  for (const [pod, score] of scores) byPod.set(pod, { pod, score, labels: describeLabels(pod.labels), position: position++ });
  return { byPod, sorted: [...byPod.values()].sort(byScore) };
}

/** The ports a pod's Services can reach by name: its regular containers' and its sidecars'. */
function servingContainers(pod: PodView) {
  return containersOf(pod).filter((view) => view.role === 'container' || view.sidecar);
}

/**
 * Custom resources that create pods, per namespace, once per index and option, and updated with an
 * editor's edits. Each namespace is read when first asked for (a Service of it that selects nothing):
 * the look for an embedded pod spec, deep in every custom resource of the input up front, was most of
 * the time of the first such Service.
 */
class PodCreators {
  private readonly byNamespace = new Map<string, Set<Resource>>();

  constructor(
    private readonly index: ResourceIndex,
    private readonly extraKinds: readonly string[],
  ) {}

  in(namespace: string): ReadonlySet<Resource> {
    let creators = this.byNamespace.get(namespace);
    if (!creators) {
      this.byNamespace.set(namespace, (creators = new Set()));
      for (const resource of this.index.resources) if ((resource.namespace ?? '') === namespace && createsUnseenPods(resource, this.index, this.extraKinds)) creators.add(resource);
    }
    return creators;
  }

  update(change: IndexChange): boolean {
    for (const resource of change.removed) this.byNamespace.get(resource.namespace ?? '')?.delete(resource);
    for (const resource of change.added) {
      const creators = this.byNamespace.get(resource.namespace ?? '');
      if (creators && createsUnseenPods(resource, this.index, this.extraKinds)) creators.add(resource);
    }
    return true;
  }
}

function podCreators(index: ResourceIndex, namespace: string | undefined, extraKinds: readonly string[]): ReadonlySet<Resource> {
  const creators = index.table(`references/service-selector:creators:${extraKinds.join('\u0000')}`, {
    build: () => new PodCreators(index, extraKinds),
    update: (table, change) => table.update(change),
  });
  return creators.in(namespace ?? '');
}

/**
 * Whether any of a namespace's pods (or, `creators`, its pod-creating custom resources) is applied with
 * an object: `units.togetherWithAny` once per run, units and namespace (a memo: dropped when an editor's
 * edit updates the index). Asked per Service, a scan of the namespace's pods was most of the rule's time.
 */
function anyAppliedWith(index: ResourceIndex, units: ApplyUnits, what: 'pods' | 'creators', namespace: string | undefined, extraKinds: readonly string[]): (resource: Resource) => boolean {
  const cache = index.memo(`references/service-selector:applied-with:${what}:${extraKinds.join('\u0000')}`, () => new WeakMap<ApplyUnits, Map<string | undefined, (resource: Resource) => boolean>>());
  let byNamespace = cache.get(units);
  if (!byNamespace) cache.set(units, (byNamespace = new Map()));
  let test = byNamespace.get(namespace);
  if (!test) {
    const objects = what === 'pods' ? index.podsIn(namespace).map((pod) => pod.resource) : [...podCreators(index, namespace, extraKinds)];
    byNamespace.set(namespace, (test = units.togetherWithAny(objects)));
  }
  return test;
}

// Pods by one label pair across every namespace, once per index: for Services that select pods elsewhere.
function podsWithPairAnywhere(index: ResourceIndex, key: string, value: string): ReadonlySet<PodView> {
  const pods = index.table('references/service-selector:pods-by-pair', {
    build: () =>
      new ObjectSets(index.resources, (resource): Array<[string, PodView]> => {
        const pod = index.podViewOf(resource);
        return pod ? Object.entries(pod.labels).map(([k, v]) => [`${k}\u0000${v}`, pod]) : [];
      }),
    update: (table, change) => table.update(change),
  });
  return pods.get(`${key}\u0000${value}`);
}

/** Namespaces other than the Service's where pods applied with it match its selector, all naming their namespace. */
function namespacesSelectedElsewhere(index: ResourceIndex, units: ApplyUnits, service: Resource, selector: Record<string, string>): string[] {
  const [first] = Object.entries(selector);
  if (!first) return [];
  const found = new Set<string>();
  for (const pod of podsWithPairAnywhere(index, first[0], String(first[1]))) {
    const declared = pod.resource.metadata.namespace;
    if (typeof declared !== 'string' || declared === '' || pod.resource.namespace === service.namespace) continue;
    if (units.together(pod.resource, service) && selectsWithControllerLabels(selector, pod)) found.add(declared);
  }
  return [...found].sort();
}

const TEMPLATE_LABELS: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'metadata', 'labels'],
  StatefulSet: ['spec', 'template', 'metadata', 'labels'],
  DaemonSet: ['spec', 'template', 'metadata', 'labels'],
  ReplicaSet: ['spec', 'template', 'metadata', 'labels'],
  ReplicationController: ['spec', 'template', 'metadata', 'labels'],
  Job: ['spec', 'template', 'metadata', 'labels'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
  Pod: ['metadata', 'labels'],
};

function incompleteWorkloads(index: ResourceIndex): ReadonlySet<Resource> {
  const incomplete = index.table('references/service-selector:incomplete-workloads', {
    build: () => new ObjectSets(index.resources, (resource): Array<[string, Resource]> => (labelsOfIncompleteWorkload(resource, index) !== undefined ? [['', resource]] : [])),
    update: (table, change) => table.update(change),
  });
  return incomplete.get('');
}

/** A workload written without a pod spec (a fragment, a fixture) still shows the labels its pods get. */
function labelsOfIncompleteWorkload(resource: Resource, index: ResourceIndex): Record<string, unknown> | undefined {
  const path = Object.hasOwn(TEMPLATE_LABELS, resource.kind) ? TEMPLATE_LABELS[resource.kind] : undefined;
  if (!path || resource.group.includes('.') || resource.namespace === undefined || index.podViewOf(resource)) return undefined;
  let value: unknown = resource.object;
  for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
  return isPlainObject(value) ? value : undefined;
}

/**
 * The workloads whose pods a Service that matches no template most likely selects once their labels
 * are added at run time (by the pods themselves or their manager): each declares every named
 * `targetPort` of the Service, is already selected by another Service applied with it, and shares no
 * label with the selector, not even one edit away (which would be a typo). Empty when any of it fails.
 */
function runtimeLabelledOwners(index: ResourceIndex, units: ApplyUnits, service: Resource<Service>, selector: Record<string, string>): PodView[] {
  const named = (listOf(service.object.spec?.ports) as ServicePort[])
    .filter((port) => isPlainObject(port))
    .map((port) => port.targetPort)
    .filter((target): target is string => typeof target === 'string' && !/^\d+$/.test(target));
  if (named.length === 0) return [];
  const fits = (pod: PodView) =>
    index.servicesSelecting(pod).some((other) => other !== service && units.together(other, service)) &&
    Object.entries(selector).every(
      ([key, value]) => Object.keys(pod.labels).every((label) => editDistance(label, key, 2) > 1) && Object.values(pod.labels).every((label) => label !== String(value)),
    );
  // Every owner must fit, so the first that does not ends the search: a Service that matches nothing
  // does not scan the namespace's pods (per Service, that was quadratic in the number of objects).
  const { byName, declared } = servingPortNames(index, service.namespace);
  const owners: PodView[] = [];
  for (const pod of byName.get(named[0]!) ?? []) {
    if (!units.together(pod.resource, service) || !named.every((name) => declared.get(pod)!.has(name))) continue;
    if (!fits(pod)) return [];
    owners.push(pod);
  }
  return owners;
}

/**
 * The port names the serving containers of each pod of a namespace declare, and the pods declaring each
 * name in input order; once per run and namespace (a memo).
 */
function servingPortNames(index: ResourceIndex, namespace: string | undefined): { byName: Map<string, PodView[]>; declared: Map<PodView, Set<unknown>> } {
  const cache = index.memo('references/service-selector:serving-port-names', () => new Map<string | undefined, { byName: Map<string, PodView[]>; declared: Map<PodView, Set<unknown>> }>());
  let names = cache.get(namespace);
  if (!names) {
    names = { byName: new Map(), declared: new Map() };
    for (const pod of index.podsIn(namespace)) {
      const declared = new Set(servingContainers(pod).flatMap((view) => listOf(view.container.ports).map((port) => (isPlainObject(port) ? port.name : undefined))));
      names.declared.set(pod, declared);
      for (const name of declared) {
        if (typeof name !== 'string') continue;
        const list = names.byName.get(name);
        if (list) list.push(pod);
        else names.byName.set(name, [pod]);
      }
    }
    cache.set(namespace, names);
  }
  return names;
}

type Options = { reportUndeclaredPorts: boolean; reportRuntimeLabels: boolean; podCreatingKinds: string[] };

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'a Service whose selector matches no pod template applied with it, or whose named `targetPort` no selected container declares',
      story:
        'a Service that selects nothing, or names a port no pod has, has no endpoints: every connection to it is refused or times out, while each object on its own looks valid.',
      recommended: true,
    },
    messages: {
      noPods: 'Service "{{name}}" selects {{selector}} but no pod template applied with it in namespace "{{namespace}}" has those labels{{closest}}: the Service would have no endpoints.',
      otherNamespace:
        'Service "{{name}}" in namespace "{{namespace}}" selects {{selector}}, which only pods in namespace {{others}} have: a Service selects pods of its own namespace only, so it would have no endpoints.',
      runtimeLabels:
        'Service "{{name}}" selects {{selector}}, which no pod template applied with it has, and targets ports that {{owners}} declares: those labels are probably added at run time (by the pods or their manager), which this configuration asks to confirm (option reportRuntimeLabels, on in strict). If nothing adds them, the Service has no endpoints.',
      namedPort: 'Service "{{name}}" targets port "{{port}}" but no container it selects declares a port of that name: the port has no endpoints.',
      namedPortProtocol:
        'Service "{{name}}" targets port "{{port}}" over {{protocol}}, but the containers it selects declare "{{port}}" only for {{declaredProtocols}}: a named port resolves by name and protocol, so the port has no endpoints.',
      undeclaredPort:
        'Service "{{name}}" targets port {{port}}, which no container it selects declares (they declare {{declared}}): traffic is sent there whether or not it is declared, so make sure the process listens on {{port}}, and declare it.',
    },
    schema: {
      type: 'object',
      properties: {
        reportUndeclaredPorts: { type: 'boolean' },
        reportRuntimeLabels: { type: 'boolean' },
        podCreatingKinds: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      additionalProperties: false,
    },
    defaultOptions: { reportUndeclaredPorts: false, reportRuntimeLabels: false, podCreatingKinds: [] } as Options,
    strictOptions: { reportUndeclaredPorts: true, reportRuntimeLabels: true },
    visits: ['Service'],
  },
  create(context) {
    const units = applyUnits(context.index, applyScopeOf(context.settings));
    const { reportUndeclaredPorts, reportRuntimeLabels, podCreatingKinds } = context.options;
    return {
      Service(resource: Resource) {
        const service = resource as Resource<Service>;
        const spec = service.object.spec;
        const selector = spec?.selector;
        if (spec?.type === 'ExternalName' || !isPlainObject(selector) || Object.keys(selector).length === 0) return;
        const namespace = service.namespace ?? '';
        const name = service.name ?? '(unnamed)';
        // Only pods applied together with the Service can satisfy it or show it wrong.
        const selected = context.index.podsSelectedBy(service).filter((pod) => units.together(pod.resource, service));
        if (selected.length === 0) {
          const applies = (pod: PodView) => units.together(pod.resource, service);
          // Labels controllers add can only matter when the selector names one the template lacks.
          if (Object.keys(selector).some((key) => CONTROLLER_KEYS.has(key)) && context.index.podsIn(service.namespace).some((pod) => applies(pod) && selectsWithControllerLabels(selector, pod))) return;
          const incomplete = [...incompleteWorkloads(context.index)].filter((other) => other.namespace === service.namespace && units.together(other, service));
          if (
            incomplete.some((other) => {
              const labels = labelsOfIncompleteWorkload(other, context.index);
              return labels !== undefined && Object.entries(selector).every(([key, value]) => labels[key] !== undefined && String(labels[key]) === String(value));
            })
          ) {
            return;
          }
          // Labels kustomizations write as they build (`commonLabels`, `labels` with `includeSelectors` or
          // `includeTemplates`) are on the applied Service and pods, not in their files.
          if (units.hasKustomizeLabels()) {
            const effective = { ...selector, ...units.labelsKustomizeAdds(service, 'selector') } as Record<string, unknown>;
            const written = (pod: PodView): Record<string, unknown> => ({ ...pod.labels, ...units.labelsKustomizeAdds(pod.resource, 'template') });
            const matches = (labels: Record<string, unknown>) => Object.entries(effective).every(([key, value]) => labels[key] !== undefined && String(labels[key]) === String(value));
            if (context.index.podsIn(service.namespace).some((pod) => applies(pod) && matches(written(pod)))) return;
          }
          // Operators' custom resources applied with the Service create pods the index cannot see.
          if (anyAppliedWith(context.index, units, 'creators', service.namespace, podCreatingKinds)(resource)) return;
          const pointer = joinPointer(service.pointer, 'spec', 'selector');
          const declaresNamespace = typeof service.metadata.namespace === 'string' && service.metadata.namespace !== '';
          const others = declaresNamespace ? namespacesSelectedElsewhere(context.index, units, resource, selector) : [];
          if (others.length > 0) {
            const data = { name, namespace, selector: describeLabels(selector), others: others.map((other) => `"${other}"`).join(', ') };
            context.report({ node: resource, pointer, messageId: 'otherNamespace', data });
            return;
          }
          // With no workload of the namespace applied with it, the pods are deployed elsewhere: nothing to check.
          if (!anyAppliedWith(context.index, units, 'pods', service.namespace, [])(resource)) return;
          // A workload serving several roles, whose role labels are added at run time: not provably wrong.
          const owners = runtimeLabelledOwners(context.index, units, service, selector);
          if (owners.length > 0) {
            if (reportRuntimeLabels) {
              const described = [...new Set(owners.map((pod) => `${pod.resource.kind} ${pod.resource.name ?? '(unnamed)'}`))].join(', ');
              context.report({ node: resource, pointer, messageId: 'runtimeLabels', data: { name, selector: describeLabels(selector), owners: described } });
            }
            return;
          }
          const closeSets = closest(context.index, namespace, selector, applies);
          context.report({
            node: resource,
            pointer,
            messageId: 'noPods',
            data: { name, selector: describeLabels(selector), namespace, closest: closeSets.length > 0 ? ` (closest: ${closeSets.join(', ')})` : '' },
          });
          return;
        }
        // What the containers that can serve declare (regular ones and sidecars), once per Service.
        const protocolsByName = new Map<string, Set<string>>();
        const numbers = new Set<number>();
        for (const pod of selected) {
          for (const view of servingContainers(pod)) {
            for (const port of listOf(view.container.ports)) {
              if (!isPlainObject(port)) continue;
              const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
              if (typeof port.name === 'string' && port.name !== '') {
                let protocols = protocolsByName.get(port.name);
                if (!protocols) protocolsByName.set(port.name, (protocols = new Set()));
                protocols.add(protocol);
              }
              if (typeof port.containerPort === 'number') numbers.add(port.containerPort);
            }
          }
        }
        (listOf(spec?.ports) as ServicePort[]).forEach((port: ServicePort, i) => {
          if (!isPlainObject(port)) return;
          // An absent targetPort, or 0, means the same number as `port`.
          const explicit = port.targetPort !== undefined && port.targetPort !== null && port.targetPort !== 0 && port.targetPort !== '0';
          const target = explicit ? port.targetPort! : port.port;
          const pointer = joinPointer(service.pointer, 'spec', 'ports', i, explicit ? 'targetPort' : 'port');
          const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
          if (typeof target === 'string' && !/^\d+$/.test(target)) {
            const protocols = protocolsByName.get(target);
            if (!protocols) context.report({ node: resource, pointer, messageId: 'namedPort', data: { name, port: target } });
            else if (!protocols.has(protocol)) {
              context.report({ node: resource, pointer, messageId: 'namedPortProtocol', data: { name, port: target, protocol, declaredProtocols: [...protocols].join(' and ') } });
            }
            return;
          }
          // A number reaches the pod whether or not a container declares it: only strict asks about it.
          const number = Number(target);
          if (!reportUndeclaredPorts || !Number.isInteger(number) || numbers.size === 0 || numbers.has(number)) return;
          context.report({ node: resource, pointer, messageId: 'undeclaredPort', data: { name, port: number, declared: [...numbers].join(', ') } });
        });
      },
    };
  },
});
