import { severityForObject, type ResolvedConfig, type ResolvedRule } from './config.js';
import type { Directives } from './directives.js';
import { corePlugin } from './engine-rules.js';
import { editRangeProblem } from './fix-checks.js';
import { rangeOfOffsets, type SourceRange } from './position.js';
import type { Resource } from './resource.js';
import type { LintMessage } from './results.js';
import { formatMessage, type ReportDescriptor, type ReportNode, type RuleContext, type SeverityLevel, type Suggestion, type TextEdit } from './rule.js';
import type { ResourceIndex } from './resource-index.js';
import type { InputProblem, SourceFile } from './source.js';

/**
 * The character offsets of each message in the text it was found in. Kept beside the message, not on it
 * (results are ESLint's shape), so that fixing and masking never turn line and column back into offsets.
 */
const offsetsByMessage = new WeakMap<LintMessage, readonly [number, number]>();

export function offsetsOf(message: LintMessage): readonly [number, number] | undefined {
  return offsetsByMessage.get(message);
}

export function resourceRef(resource: Resource): LintMessage['resource'] {
  // Literals rather than spreads of the optional parts (one per finding); the keys in the same order.
  const { apiVersion, kind, namespace, name, documentIndex: document } = resource;
  if (namespace !== undefined) return name !== undefined ? { apiVersion, kind, namespace, name, document } : { apiVersion, kind, namespace, document };
  return name !== undefined ? { apiVersion, kind, name, document } : { apiVersion, kind, document };
}

function resourceOf(node: ReportNode): Resource {
  return 'resource' in node ? node.resource : node;
}

interface Finding {
  message: string;
  messageId?: string;
  resource?: Resource;
  pointer?: string;
  descriptor?: Pick<ReportDescriptor, 'fix' | 'suggest'>;
}

/**
 * A rule's finding as a findings cache keeps it: before directives (so that they are judged again), after
 * object-scoped severity (which only depends on the config and the object), with its located range.
 */
export interface CachedFinding {
  ruleId: string;
  severity: SeverityLevel;
  message: string;
  messageId?: string;
  /** The object reported on: its document index and pointer in the file. */
  resource?: [number, string];
  pointer?: string;
  fix?: TextEdit | null;
  suggest?: Suggestion[];
  range: SourceRange;
}

/**
 * Turns the findings of one file into messages: object-scoped severity first (no position needed), then
 * the position, then comment directives and ignore annotations.
 */
export class FileReporter {
  readonly messages: LintMessage[] = [];
  /** When set, each rule's findings are recorded here by rule id (for a findings cache). */
  recorded: Map<string, CachedFinding[]> | undefined;
  /** Rules that read `context.index` on this file: their findings may depend on other files. */
  readonly indexReaders = new Set<string>();

  constructor(
    private readonly source: SourceFile,
    private readonly config: ResolvedConfig,
    private readonly directives: Directives,
  ) {}

  get settings(): ResolvedConfig['settings'] {
    return this.config.settings;
  }

  /** The severity a rule id has in this file's config, or the engine rule's default. */
  severityOf(ruleId: string): SeverityLevel {
    const configured = this.config.severities.get(ruleId);
    if (configured !== undefined) return configured;
    return corePlugin.rules[ruleId.slice('kubelore/'.length)]?.meta.severity === 'warn' ? 1 : 2;
  }

  push(ruleId: string, severity: SeverityLevel, finding: Finding, locate: () => SourceRange, owner?: string): void {
    const level = severityForObject(this.config, ruleId, severity, finding.resource);
    if (level === 0) return;
    const range = locate();
    if (owner !== undefined && this.recorded) {
      let list = this.recorded.get(owner);
      if (!list) this.recorded.set(owner, (list = []));
      list.push({
        ruleId,
        severity,
        message: finding.message,
        ...(finding.messageId ? { messageId: finding.messageId } : {}),
        ...(finding.resource ? { resource: [finding.resource.documentIndex, finding.resource.pointer] as [number, string] } : {}),
        ...(finding.pointer !== undefined ? { pointer: finding.pointer } : {}),
        ...(finding.descriptor?.fix ? { fix: finding.descriptor.fix } : {}),
        ...(finding.descriptor?.suggest?.length ? { suggest: finding.descriptor.suggest } : {}),
        range,
      });
    }
    if (this.directives.suppresses(ruleId, range.line, finding.resource)) return;
    const fix = finding.descriptor?.fix ?? null;
    // A fix or suggestion whose range is not inside the text is never handed out (lintAndFix also
    // reports it as kubelore/fix-rejected when asked to apply it).
    const suggest = finding.descriptor?.suggest;
    const suggestions = suggest == null ? [] : suggest.filter((suggestion) => editRangeProblem(suggestion?.fix, this.source.text.length) === undefined);
    // Two literals rather than spreads of optional parts (a spread is slow to build, and there is one
    // message per finding); the keys in the same order either way, as the JSON output shows them.
    const { line, column, endLine, endColumn } = range;
    const message: LintMessage = finding.messageId
      ? { ruleId, severity: level, message: finding.message, messageId: finding.messageId, line, column, endLine, endColumn, fix, suggestions }
      : { ruleId, severity: level, message: finding.message, line, column, endLine, endColumn, fix, suggestions };
    if (finding.resource) message.resource = resourceRef(finding.resource);
    if (finding.pointer !== undefined) message.path = finding.pointer;
    offsetsByMessage.set(message, [range.offset, range.endOffset]);
    this.messages.push(message);
  }

  /** Reports a cached finding of `owner` again, as if its rule had just made it. */
  replay(owner: string, finding: CachedFinding, resources: readonly Resource[]): void {
    const resource = finding.resource && resources.find((candidate) => candidate.documentIndex === finding.resource![0] && candidate.pointer === finding.resource![1]);
    this.push(
      finding.ruleId,
      finding.severity,
      { message: finding.message, messageId: finding.messageId, resource, pointer: finding.pointer, descriptor: { fix: finding.fix ?? null, suggest: finding.suggest ?? [] } },
      () => finding.range,
      owner,
    );
  }

  inputProblem(problem: InputProblem): void {
    if (problem.ruleId === null) {
      // Fatal: nothing can turn it off or suppress it, since nothing else checked that part of the file.
      const message: LintMessage = { ruleId: null, severity: 2, fatal: true, message: problem.message, ...positionOf(problem.range), fix: null, suggestions: [] };
      offsetsByMessage.set(message, [problem.range.offset, problem.range.endOffset]);
      this.messages.push(message);
      return;
    }
    this.push(problem.ruleId, this.severityOf(problem.ruleId), { message: problem.message }, () => problem.range);
  }

  ruleError(rule: ResolvedRule, resource: Resource | undefined, error: unknown): void {
    const reason = describeThrown(error);
    const where = resource ? ` on ${resource.kind} ${resource.name ?? '(unnamed)'}` : '';
    this.push(
      'kubelore/rule-error',
      this.severityOf('kubelore/rule-error'),
      { message: `Rule "${rule.id}" failed${where}: ${reason}`, resource },
      () => (resource ? this.source.locate(resource.documentIndex, resource.pointer) : rangeOfOffsets(this.source.lineCounter, 0, 0)),
      rule.id,
    );
  }

  /** The context a rule's `create` receives: `report` checks the descriptor against the rule's meta. */
  contextFor(resolved: ResolvedRule, filePath: string, index: ResourceIndex): RuleContext {
    return new FileRuleContext(this, this.source, resolved, filePath, index);
  }

  /** A finding of `context.report`, checked against the rule's meta. */
  report(resolved: ResolvedRule, descriptor: ReportDescriptor): void {
    const { rule, id } = resolved;
    const resource = resourceOf(descriptor.node);
    if (resource.source !== this.source) {
      throw new Error(`rule "${id}" reported on ${resource.kind} ${resource.name ?? ''} from another file; report only on objects of the file being linted`);
    }
    const template = rule.meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`rule "${id}" reported an unknown messageId "${descriptor.messageId}"`);
    // As ESLint does: a fix or suggestion the rule's meta does not declare is a bug in the rule.
    if (descriptor.fix && rule.meta.fixable !== 'code') throw new Error(`rule "${id}" returned a fix but its meta.fixable is not "code"`);
    if (descriptor.suggest?.length && !rule.meta.hasSuggestions) throw new Error(`rule "${id}" returned suggestions but its meta.hasSuggestions is not true`);
    const pointer = descriptor.pointer ?? descriptor.node.pointer;
    this.push(
      id,
      resolved.severity,
      { message: formatMessage(template, descriptor.data), messageId: descriptor.messageId, resource, pointer, descriptor },
      () => this.source.locate(resource.documentIndex, pointer, descriptor.at, descriptor.within),
      id,
    );
  }
}

/**
 * One rule's context on one file. A class, not an object literal with an `index` getter: a rule's
 * context is made for every rule and file, and a literal with its own getter is slow to make and gives
 * every context its own shape, so each rule's reads of it are slow too.
 */
class FileRuleContext implements RuleContext {
  readonly id: string;
  readonly options: Record<string, unknown>;
  readonly settings: RuleContext['settings'];
  /** Own property, bound: rules may pass `context.report` around. */
  readonly report: (descriptor: ReportDescriptor) => void;
  readonly #reporter: FileReporter;
  readonly #index: ResourceIndex;

  constructor(
    reporter: FileReporter,
    readonly source: SourceFile,
    resolved: ResolvedRule,
    readonly filePath: string,
    index: ResourceIndex,
  ) {
    this.id = resolved.id;
    this.options = resolved.options;
    this.settings = reporter.settings;
    this.#reporter = reporter;
    this.#index = index;
    this.report = (descriptor) => reporter.report(resolved, descriptor);
  }

  /** Reading the index marks the rule's findings as depending on other files (see `indexReaders`). */
  get index(): ResourceIndex {
    this.#reporter.indexReaders.add(this.id);
    return this.#index;
  }
}

/** What a rule threw, as text, whatever it threw: an Error, a string, null, an object whose toString throws. */
function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return typeof error.message === 'string' && error.message !== '' ? error.message : error.name || 'an Error without a message';
    if (typeof error === 'string') return error.length > 200 ? `${error.slice(0, 200)}…` : error;
    if (error === null || error === undefined) return `it threw ${String(error)}`;
    if (typeof error === 'object') return 'it threw an object that is not an Error';
    return `it threw ${typeof error} ${String(error).slice(0, 200)}`;
  } catch {
    return 'it threw a value that cannot be described';
  }
}

function positionOf(range: SourceRange): Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
}
