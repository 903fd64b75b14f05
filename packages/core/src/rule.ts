import type { KindMap } from './kinds.js';
import type { ReportTarget } from './position.js';
import type { ResourceIndex } from './resource-index.js';
import type { Resource } from './resource.js';
import type { SourceFile } from './source.js';
import type { ContainerView, PodView } from './workloads.js';
import type { Settings } from './settings.js';

export type RuleType = 'problem' | 'suggestion';

export interface RuleDocs {
  description: string;
  /** `true`: on in `recommended`; `'strict'`: only in `strict`. */
  recommended: boolean | 'strict';
  /** The failure the rule prevents, in one sentence. */
  story: string;
  url?: string;
  /**
   * Where the rule's Markdown page is on disk, as a `file:` URL; `definePlugin` fills it in from its
   * `docsDir`. `--explain`, SARIF's rule help and the docs index read it, so pages travel with the package.
   */
  page?: string;
}

export interface RuleMeta<MessageIds extends string = string, Options = Record<string, unknown>> {
  type: RuleType;
  docs: RuleDocs;
  messages: Record<MessageIds, string>;
  /** JSON Schema of the options object. */
  schema?: Record<string, unknown>;
  defaultOptions?: Options;
  fixable?: 'code';
  hasSuggestions?: boolean;
  /** Options the `strict` preset sets (for checks that are opt-in under `recommended`). */
  strictOptions?: Partial<Options>;
  /** Default severity when a preset enables the rule. */
  severity?: 'warn' | 'error';
  /** 0.0–10.0 for security rules: becomes SARIF's `security-severity`. */
  security?: number;
  /**
   * The rule's findings point at a secret value itself (a token, a password), not at a setting. The core
   * then masks the text each finding covers in everything it hands out: messages of every rule of the
   * file, fixed text, suggestion previews. A rule that reports secrets and forgets this leaks them.
   */
  reportsSecretValues?: boolean;
  /**
   * The rule's pod and container findings are about values an object writes (a literal secret), never
   * about fields it leaves out. Its `PodSpec` and `Container` visitors then also see kustomize patches,
   * whose pod spec is only what they change in a base; other rules' do not.
   */
  judgesWrittenValues?: boolean;
  /**
   * The visitor keys `create` returns, when they are the same for every file: kinds, `'*'`, `PodSpec`,
   * `Container`. The engine then makes the rule only for a file with an object one of them visits (most
   * files hold no pod, and most rules visit only pods); a visitor `create` returns outside the list is
   * a rule error.
   */
  visits?: readonly string[];
  /** Filled in by the plugin: `plugin/rule`. */
  id?: string;
}

/** A text edit on the original file: `[start, end)` character offsets replaced by `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  fix: TextEdit;
}

/** Anything a rule can report on: a Resource, a pod or a container view. */
export type ReportNode = Resource | PodView | ContainerView;

export interface ReportDescriptor<MessageIds extends string = string> {
  node: ReportNode;
  /** Absolute pointer inside the node's document; defaults to the node's own pointer. */
  pointer?: string;
  /** Point at the key naming the field rather than its value. */
  at?: ReportTarget;
  /**
   * `[start, end)` character offsets inside the string value at the pointer: the finding points at that
   * part of the scalar (a name on line 12 of a block scalar), or at the whole scalar when it cannot be found.
   */
  within?: [number, number];
  messageId: MessageIds;
  data?: Record<string, string | number>;
  fix?: TextEdit | null;
  suggest?: Suggestion[];
}

export interface RuleContext<MessageIds extends string = string, Options = Record<string, unknown>> {
  /** `plugin/rule`. */
  id: string;
  options: Options;
  settings: Settings;
  filePath: string;
  source: SourceFile;
  /** Every object of the whole input, for cross-object questions. */
  index: ResourceIndex;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

type ResourceVisitor = (resource: Resource) => void;

/**
 * `Service(svc)`: the object typed from `kubernetes-types` for every kind in `KindMap`. Its fields are
 * what the manifest says, not what the API would accept, so unknown fields stay readable as `unknown`.
 */
type KindVisitors = { [Kind in keyof KindMap]?: (resource: Resource<KindMap[Kind] & Record<string, unknown>>) => void };

export interface RuleVisitors extends KindVisitors {
  /** Every object. */
  '*'?: ResourceVisitor;
  /** The pod of every workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout). */
  PodSpec?: (pod: PodView) => void;
  /** Every init, regular and ephemeral container. */
  Container?: (container: ContainerView) => void;
  /** By kind: `Deployment`, `Service`, ... (kinds outside `KindMap` see a plain record). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind, any custom resource
  [kind: string]: ((node: any) => void) | undefined;
}

export interface Rule<MessageIds extends string = string, Options = Record<string, unknown>> {
  meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds, Options>): RuleVisitors;
}

/** Declares a rule; message ids and options are typed from the definition itself. */
export function defineRule<MessageIds extends string, Options extends object = Record<string, never>>(
  rule: Rule<MessageIds, Options>,
): Rule<MessageIds, Options> {
  return rule;
}

export interface Plugin {
  meta: { name: string; version?: string };
  rules: Record<string, Rule<string, any>>;
  configs?: Record<string, { rules: Record<string, RuleEntry> }>;
}

export type SeverityName = 'off' | 'warn' | 'error';
export type SeverityLevel = 0 | 1 | 2;
export type Severity = SeverityName | SeverityLevel;
export type RuleEntry = Severity | [Severity] | [Severity, Record<string, unknown>];

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * A message template cut at its placeholders: text, then [key, placeholder as written], and so on.
 * Every finding formats its rule's template; cutting it once rather than running the expression with
 * a callback per finding is most of the cost of a message.
 */
type TemplateParts = Array<string | [key: string, whole: string]>;

const templates = new Map<string, TemplateParts>();
// Rules have a few templates each; a caller formatting many distinct texts must not grow the map without bound.
const MAX_TEMPLATES = 5_000;

function partsOf(template: string): TemplateParts {
  let parts = templates.get(template);
  if (!parts) {
    parts = [];
    let end = 0;
    PLACEHOLDER.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = PLACEHOLDER.exec(template)) !== null) {
      parts.push(template.slice(end, match.index), [match[1]!, match[0]]);
      end = match.index + match[0].length;
    }
    parts.push(template.slice(end));
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(template, parts);
  }
  return parts;
}

/** Fills `{{name}}` placeholders of a message (one left as written when `data` has no such key). */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : part[0] in data ? String(data[part[0]]) : part[1];
  return out;
}

/**
 * Builds a plugin object from its rules: new rule objects carrying their id, docs url and page (the
 * rules given are not changed, so one rule can be shared by two plugins), and the `recommended` and
 * `strict` configs derived from the rules' metadata.
 */
export function definePlugin(options: {
  name: string;
  version?: string;
  rules: Record<string, Rule<string, any>>;
  /** Where rule pages of many plugins are published: a rule's url is `<docsBaseUrl>/<plugin>/<rule>.md`. */
  docsBaseUrl?: string;
  /** Where this plugin's rule pages are published (wins over docsBaseUrl): a rule's url is `<docsUrl>/<rule>.md`. */
  docsUrl?: string;
  /**
   * The folder of the rule pages shipped in the package, `<rule>.md` each, as a `file:` URL; usually
   * `new URL('../docs/rules/', import.meta.url)` from the compiled entry.
   */
  docsDir?: string | { href: string };
}): Plugin {
  const docsDir = options.docsDir === undefined ? undefined : (typeof options.docsDir === 'string' ? options.docsDir : options.docsDir.href).replace(/\/?$/, '/');
  const recommended: Record<string, RuleEntry> = {};
  const strict: Record<string, RuleEntry> = {};
  const rules: Record<string, Rule<string, any>> = {};
  const folder = options.docsUrl ?? (options.docsBaseUrl ? `${options.docsBaseUrl.replace(/\/$/, '')}/${options.name}` : undefined);
  for (const [ruleName, given] of Object.entries(options.rules)) {
    const id = `${options.name}/${ruleName}`;
    const url = given.meta.docs.url ?? (folder ? `${folder.replace(/\/$/, '')}/${ruleName}.md` : undefined);
    const page = given.meta.docs.page ?? (docsDir ? `${docsDir}${ruleName}.md` : undefined);
    const docs = { ...given.meta.docs, ...(url ? { url } : {}), ...(page ? { page } : {}) };
    const rule: Rule<string, any> = { ...given, meta: { ...given.meta, id, docs } };
    rules[ruleName] = rule;
    const severity = rule.meta.severity ?? 'error';
    if (rule.meta.docs.recommended === true) recommended[id] = severity;
    strict[id] = rule.meta.strictOptions ? [severity, rule.meta.strictOptions as Record<string, unknown>] : severity;
  }
  return {
    meta: { name: options.name, version: options.version },
    rules,
    configs: { recommended: { rules: recommended }, strict: { rules: strict } },
  };
}
