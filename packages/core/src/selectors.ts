import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { isPlainObject } from './resource.js';

function requirementMatches(requirement: LabelSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  // `values` of the wrong shape (a mapping, a string) holds no value.
  const values: unknown[] = Array.isArray(requirement.values) ? requirement.values : [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !has || !values.includes(labels[requirement.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is rejected by the API server; it matches nothing here.
      return false;
  }
}

/**
 * Label selector semantics of the API server: `matchLabels` and every `matchExpressions` entry must hold.
 * An empty selector `{}` matches everything; a missing one (undefined or null) matches nothing.
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (!isPlainObject(selector)) return false;
  if (isPlainObject(selector.matchLabels) && !hasPairs(labels, selector.matchLabels)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const requirement of expressions) {
    if (!isPlainObject(requirement) || !requirementMatches(requirement as unknown as LabelSelectorRequirement, labels)) return false;
  }
  return true;
}

/**
 * A Service's selector is a plain map. An empty or missing one selects nothing: the Service's endpoints
 * are managed by hand.
 */
export function serviceSelectorMatches(selector: Record<string, string> | null | undefined, labels: Record<string, string>): boolean {
  if (!isPlainObject(selector)) return false;
  const keys = Object.keys(selector);
  return keys.length > 0 && hasPairs(labels, selector, keys);
}

/**
 * Whether the labels have every `key: value` of the pairs (a value compared as its string). Keys rather
 * than entries and a callback: asked for every candidate Service and budget of every pod.
 */
function hasPairs(labels: Record<string, string>, pairs: Record<string, unknown>, keys: readonly string[] = Object.keys(pairs)): boolean {
  for (const key of keys) if (labels[key] !== String(pairs[key])) return false;
  return true;
}
