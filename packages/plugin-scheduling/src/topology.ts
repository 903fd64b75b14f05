import { joinPointer, selectorMatches, type PodView, type ResourceIndex } from '@kubelore/core';
import type { PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isPlainObject } from '@kubelore/core';
import { eachMapping, listOf, mappingsOf } from './shapes.js';

/** One rule of placement that spreads pods: an anti-affinity term or a topology spread constraint. */
export interface SpreadTerm {
  kind: 'required anti-affinity' | 'preferred anti-affinity' | 'topology spread constraint';
  topologyKey: string | undefined;
  labelSelector: LabelSelector | undefined;
  matchLabelKeys: string[];
  /** Anti-affinity only: the namespaces whose pods the term counts (`namespaces`, `namespaceSelector`). */
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  /** Pointer to the term itself. */
  pointer: string;
}

export function spreadTermsOf(pod: PodView): SpreadTerm[] {
  const terms: SpreadTerm[] = [];
  const affinity = isPlainObject(pod.spec.affinity) ? pod.spec.affinity : undefined;
  const anti = isPlainObject(affinity?.podAntiAffinity) ? affinity.podAntiAffinity : undefined;
  const selectorOf = (value: unknown) => (isPlainObject(value) ? (value as LabelSelector) : undefined);
  const strings = (value: unknown) => listOf(value).filter((item): item is string => typeof item === 'string');
  const antiPointer = joinPointer(pod.pointer, 'affinity', 'podAntiAffinity');
  eachMapping<PodAffinityTerm>(anti?.requiredDuringSchedulingIgnoredDuringExecution, (term, i) => {
    terms.push({
      kind: 'required anti-affinity',
      topologyKey: term.topologyKey,
      labelSelector: selectorOf(term.labelSelector),
      matchLabelKeys: strings((term as { matchLabelKeys?: unknown }).matchLabelKeys),
      namespaces: strings(term.namespaces),
      namespaceSelector: term.namespaceSelector === null ? null : selectorOf(term.namespaceSelector),
      pointer: joinPointer(antiPointer, 'requiredDuringSchedulingIgnoredDuringExecution', i),
    });
  });
  eachMapping<WeightedPodAffinityTerm>(anti?.preferredDuringSchedulingIgnoredDuringExecution, (weighted, i) => {
    const term = isPlainObject(weighted.podAffinityTerm) ? weighted.podAffinityTerm : undefined;
    terms.push({
      kind: 'preferred anti-affinity',
      topologyKey: term?.topologyKey,
      labelSelector: selectorOf(term?.labelSelector),
      matchLabelKeys: strings((term as { matchLabelKeys?: unknown } | undefined)?.matchLabelKeys),
      namespaces: strings(term?.namespaces),
      namespaceSelector: term?.namespaceSelector === null ? null : selectorOf(term?.namespaceSelector),
      pointer: joinPointer(antiPointer, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'),
    });
  });
  eachMapping<TopologySpreadConstraint>(pod.spec.topologySpreadConstraints, (constraint, i) => {
    terms.push({
      kind: 'topology spread constraint',
      topologyKey: constraint.topologyKey,
      labelSelector: selectorOf(constraint.labelSelector),
      matchLabelKeys: strings(constraint.matchLabelKeys),
      pointer: joinPointer(pod.pointer, 'topologySpreadConstraints', i),
    });
  });
  return terms;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether a spread term counts pods of the pod's own namespace. Topology spread constraints always do.
 * An anti-affinity term counts the namespaces it lists and those its `namespaceSelector` selects (`{}`:
 * all); with neither, the pod's own. A selector is judged on the Namespace object's labels when the input
 * has it, else on `kubernetes.io/metadata.name`, which every namespace carries; past that it is unknown,
 * and unknown counts.
 */
export function termCoversNamespace(term: SpreadTerm, namespace: string | undefined, index: ResourceIndex): boolean {
  if (term.kind === 'topology spread constraint' || namespace === undefined) return true;
  const listed = term.namespaces ?? [];
  if (listed.includes(namespace)) return true;
  const selector = term.namespaceSelector;
  if (selector === undefined || selector === null) return listed.length === 0;
  const object = index.find('Namespace', namespace);
  const labels: Record<string, string> = { ...(object?.metadata.labels ?? {}), [NAME_LABEL]: namespace };
  if (object) return selectorMatches(selector, labels);
  const keys = [...Object.keys(isPlainObject(selector.matchLabels) ? selector.matchLabels : {}), ...mappingsOf<{ key?: string }>(selector.matchExpressions).map((expression) => expression.key)];
  return keys.some((key) => key !== NAME_LABEL) || selectorMatches(selector, labels);
}
