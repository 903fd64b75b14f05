import { readFileSync } from 'node:fs';
import type { ResolvedConfig, Rule } from '@kubelore/core';

export interface RuleListing {
  id: string;
  description: string;
  /** On in the `recommended` preset. */
  recommended: boolean;
  /** The preset that first turns it on. */
  preset: 'recommended' | 'strict';
  fixable: boolean;
  hasSuggestions: boolean;
  type: string;
  docsUrl: string | undefined;
  /** Severity under the current configuration. */
  enabled: 'off' | 'warn' | 'error';
}

/** `kubelore --list-rules`: a table for people, JSON for tools. */
export function listRules(rules: Map<string, Rule<string, any>>, config: ResolvedConfig, asJson: boolean): string {
  const severities = new Map(config.rules.map((rule) => [rule.id, rule.severity]));
  const listing: RuleListing[] = [...rules]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, rule]) => ({
      id,
      description: rule.meta.docs.description,
      recommended: rule.meta.docs.recommended === true,
      preset: rule.meta.docs.recommended === true ? 'recommended' : 'strict',
      fixable: rule.meta.fixable === 'code',
      hasSuggestions: rule.meta.hasSuggestions === true,
      type: rule.meta.type,
      docsUrl: rule.meta.docs.url,
      enabled: severities.get(id) === 2 ? 'error' : severities.get(id) === 1 ? 'warn' : 'off',
    }));
  if (asJson) return `${JSON.stringify(listing, null, 2)}\n`;
  const width = Math.max(...listing.map((rule) => rule.id.length));
  const lines = listing.map((rule) => {
    const flags = `${rule.preset === 'recommended' ? 'R' : 'S'}${rule.fixable ? 'F' : ' '}`;
    return `${rule.id.padEnd(width)}  ${flags}  ${rule.enabled.padEnd(5)}  ${rule.description}`;
  });
  return `${'rule'.padEnd(width)}  R/S F  now    description\n${lines.join('\n')}\n\nR: recommended preset, S: strict only, F: fixable. "now": severity under the current config.\n`;
}

let embeddedPages: Readonly<Record<string, string>> | undefined;

/** The single-file bundle carries the built-in rule pages inline, by rule id; its entry hands them over. */
export function useEmbeddedPages(pages: Readonly<Record<string, string>>): void {
  embeddedPages = pages;
}

/**
 * A rule's Markdown page: the one its plugin ships (`meta.docs.page`, set by `definePlugin`'s `docsDir`),
 * or the bundle's inline copy of a built-in page.
 */
export function docsPage(id: string, rule?: Rule<string, any>): string | undefined {
  const inline = embeddedPages?.[id];
  if (inline !== undefined) return inline;
  const page = rule?.meta.docs.page;
  if (!page) return undefined;
  try {
    return readFileSync(new URL(page), 'utf8');
  } catch {
    return undefined;
  }
}

/** `kubelore --explain plugin/rule`: the rule's page, or what its metadata says when the page is missing. */
export function explainRule(id: string, rules: Map<string, Rule<string, any>>): string | undefined {
  const rule = rules.get(id);
  if (!rule) return undefined;
  const page = docsPage(id, rule);
  if (page) return page.endsWith('\n') ? page : `${page}\n`;
  const { docs } = rule.meta;
  return `${id}\n\n${docs.description}\n\nWhy: ${docs.story}\n${docs.url ? `\nMore: ${docs.url}\n` : ''}`;
}
