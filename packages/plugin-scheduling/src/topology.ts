import { joinPointer, type PodView } from '@kubelore/core';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

/** One rule of placement that spreads pods: an anti-affinity term or a topology spread constraint. */
export interface SpreadTerm {
  kind: 'required anti-affinity' | 'preferred anti-affinity' | 'topology spread constraint';
  topologyKey: string | undefined;
  labelSelector: LabelSelector | undefined;
  matchLabelKeys: string[];
  /** Pointer to the term itself. */
  pointer: string;
}

export function spreadTermsOf(pod: PodView): SpreadTerm[] {
  const terms: SpreadTerm[] = [];
  const anti = pod.spec.affinity?.podAntiAffinity;
  const antiPointer = joinPointer(pod.pointer, 'affinity', 'podAntiAffinity');
  (anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
    terms.push({
      kind: 'required anti-affinity',
      topologyKey: term.topologyKey,
      labelSelector: term.labelSelector,
      matchLabelKeys: (term as { matchLabelKeys?: string[] }).matchLabelKeys ?? [],
      pointer: joinPointer(antiPointer, 'requiredDuringSchedulingIgnoredDuringExecution', i),
    });
  });
  (anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((weighted, i) => {
    const term = weighted.podAffinityTerm;
    terms.push({
      kind: 'preferred anti-affinity',
      topologyKey: term?.topologyKey,
      labelSelector: term?.labelSelector,
      matchLabelKeys: (term as { matchLabelKeys?: string[] } | undefined)?.matchLabelKeys ?? [],
      pointer: joinPointer(antiPointer, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'),
    });
  });
  (pod.spec.topologySpreadConstraints ?? []).forEach((constraint, i) => {
    terms.push({
      kind: 'topology spread constraint',
      topologyKey: constraint.topologyKey,
      labelSelector: constraint.labelSelector,
      matchLabelKeys: constraint.matchLabelKeys ?? [],
      pointer: joinPointer(pod.pointer, 'topologySpreadConstraints', i),
    });
  });
  return terms;
}
