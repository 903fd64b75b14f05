import { rangeOfOffsets, type SourceRange } from './position.js';
import type { Resource } from './resource.js';
import type { SourceFile } from './source.js';

/** The annotation through which an object opts out of rules: `"plugin/rule, plugin/* -- reason"`. */
export const IGNORE_ANNOTATION = 'kubelore.dev/ignore';

type CommentKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  /** Rule patterns; null means every rule. */
  rules: string[] | null;
  /** First and last line (1-based, inclusive) the directive covers. */
  fromLine: number;
  toLine: number;
  range: SourceRange;
  text: string;
  used: boolean;
}

export interface UnusedDirective {
  range: SourceRange;
  text: string;
  resource?: Resource;
}

const COMMENT_PATTERN = /(?:^|\s)#\s*kubelore-(disable-next-line|disable-line|disable|enable)\b([^\n]*)/;

/** `"a/b, c/* -- why"` → `['a/b', 'c/*']`; empty → null (all rules). */
export function parseRuleList(text: string): string[] | null {
  const withoutReason = text.split(/\s--(?:\s|$)/)[0]!.trim();
  if (withoutReason === '' || withoutReason === '*' || withoutReason === 'all') return null;
  return withoutReason.split(/[\s,]+/).filter(Boolean);
}

export function rulePatternMatches(pattern: string, ruleId: string): boolean {
  if (pattern === '*' || pattern === 'all') return true;
  if (pattern.endsWith('/*')) return ruleId.startsWith(pattern.slice(0, -1));
  return pattern === ruleId;
}

function listMatches(rules: string[] | null, ruleId: string): boolean {
  return rules === null || rules.some((pattern) => rulePatternMatches(pattern, ruleId));
}

/** The suppressions of one file: comment directives and the ignore annotations of its objects. */
export class Directives {
  private readonly comments: Directive[] = [];
  private readonly annotations = new Map<Resource, Directive>();

  /**
   * With `disabled` (`noInlineConfig`), directives are still read, so that `ignoredCount` can say how many
   * were not applied, but they suppress nothing and none is reported as unused.
   */
  constructor(
    private readonly file: SourceFile,
    private readonly disabled = false,
  ) {
    if (!file.text.includes('kubelore-')) return;
    const documentEnds = file.documents.map((document) => file.lineCounter.linePos(document.range[2]).line);
    const lastLine = file.lineCounter.linePos(file.text.length).line;
    const open: Directive[] = [];
    let offset = 0;
    const lines = file.text.split('\n');
    lines.forEach((lineText, lineIndex) => {
      const line = lineIndex + 1;
      const match = COMMENT_PATTERN.exec(lineText);
      if (match) {
        const kind = match[1] as CommentKind;
        const rules = parseRuleList(match[2] ?? '');
        const start = offset + match.index + match[0].indexOf('#');
        const range = rangeOfOffsets(file.lineCounter, start, offset + lineText.length);
        const text = lineText.slice(match.index + match[0].indexOf('#')).trim();
        if (kind === 'enable') {
          for (const directive of open.splice(0)) {
            if (rules === null || (directive.rules ?? []).every((rule) => rules.includes(rule))) directive.toLine = line;
            else open.push(directive);
          }
        } else {
          const fromLine = kind === 'disable-next-line' ? line + 1 : line;
          const toLine = kind === 'disable' ? documentEnds.find((end) => end >= line) ?? lastLine : fromLine;
          const directive: Directive = { rules, fromLine, toLine, range, text, used: false };
          this.comments.push(directive);
          if (kind === 'disable') open.push(directive);
        }
      }
      offset += lineText.length + 1;
    });
  }

  /** Registers an object's ignore annotation, located at the annotation's value. */
  addResource(resource: Resource): void {
    const value = resource.metadata.annotations?.[IGNORE_ANNOTATION];
    if (typeof value !== 'string') return;
    const range = this.file.locate(resource.documentIndex, `${resource.pointer}/metadata/annotations/${IGNORE_ANNOTATION.replace(/\//g, '~1')}`);
    this.annotations.set(resource, { rules: parseRuleList(value), fromLine: 0, toLine: 0, range, text: `${IGNORE_ANNOTATION}: ${value}`, used: false });
  }

  /** True (and the directive counted as used) when a finding of `ruleId` at `line` on `resource` is suppressed. */
  suppresses(ruleId: string, line: number, resource: Resource | undefined): boolean {
    if (this.disabled) return false;
    let suppressed = false;
    const annotation = resource ? this.annotations.get(resource) : undefined;
    if (annotation && listMatches(annotation.rules, ruleId)) {
      annotation.used = true;
      suppressed = true;
    }
    for (const directive of this.comments) {
      if (line >= directive.fromLine && line <= directive.toLine && listMatches(directive.rules, ruleId)) {
        directive.used = true;
        suppressed = true;
      }
    }
    return suppressed;
  }

  /** Comment directives and ignore annotations not applied because inline config is disabled. */
  get ignoredCount(): number {
    return this.disabled ? this.comments.length + this.annotations.size : 0;
  }

  unused(): UnusedDirective[] {
    if (this.disabled) return [];
    const out: UnusedDirective[] = this.comments.filter((d) => !d.used).map((d) => ({ range: d.range, text: d.text }));
    for (const [resource, directive] of this.annotations) {
      if (!directive.used) out.push({ range: directive.range, text: directive.text, resource });
    }
    return out.sort((a, b) => a.range.offset - b.range.offset);
  }
}

/**
 * Whether an object's `kubelore.dev/ignore` annotation turns `ruleId` off for it: for rules that report
 * one object's finding on another object (a name in a ConfigMap found through a pod) and must still
 * honour the pod's annotation.
 */
export function isIgnoredByAnnotation(resource: Pick<Resource, 'metadata'>, ruleId: string): boolean {
  const value = resource.metadata.annotations?.[IGNORE_ANNOTATION];
  if (typeof value !== 'string') return false;
  return listMatches(parseRuleList(value), ruleId);
}
