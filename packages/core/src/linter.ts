import {
  appliesToFile,
  resolveConfig,
  severityForObject,
  isIgnoredByConfig,
  type ConfigArray,
  type ResolvedConfig,
  type ResolvedRule,
} from './config.js';
import { corePlugin } from './core-rules.js';
import { Directives } from './directives.js';
import { rangeOfOffsets, type SourceRange } from './position.js';
import { ResourceIndex } from './resource-index.js';
import { createResource, flattenLists, isPlainObject, type Resource } from './resource.js';
import { buildResult, type LintMessage, type LintResult } from './results.js';
import { formatMessage, type Plugin, type ReportDescriptor, type ReportNode, type RuleContext, type SeverityLevel } from './rule.js';
import { parseSourceFile, type InputProblem, type SourceFile } from './source.js';
import { containersOf, type ContainerView, type PodView } from './workloads.js';

export interface LintInput {
  /** The path shown in results. */
  filePath: string;
  /** The path config `files` globs are matched against (relative to the config's folder); defaults to filePath. */
  relativePath?: string;
  text: string;
}

export interface LintOptions {
  /** Report comment directives and ignore annotations that suppress nothing. */
  reportUnusedDirectives?: boolean;
}

export interface LinterOptions {
  /** Plugins available to every config (the core's own input rules are always there). */
  plugins?: Plugin[];
}

interface FileState {
  input: LintInput;
  config: ResolvedConfig;
  source: SourceFile;
  resources: Resource[];
  messages: LintMessage[];
  directives: Directives;
  /** The file's YAML trees were dropped after parsing to bound memory (settings.treeCacheChars). */
  treesReleased?: boolean;
}

type Handler = (node: never) => void;

const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

function resourceOf(node: ReportNode): Resource {
  return 'resource' in node ? node.resource : node;
}

export function resourceRef(resource: Resource): LintMessage['resource'] {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    ...(resource.namespace !== undefined ? { namespace: resource.namespace } : {}),
    ...(resource.name !== undefined ? { name: resource.name } : {}),
    document: resource.documentIndex,
  };
}

function isHelmTestHook(resource: Resource): boolean {
  const hook = resource.metadata.annotations?.[HELM_HOOK_ANNOTATION];
  return typeof hook === 'string' && hook.split(',').some((entry) => /^test(-success|-failure)?$/.test(entry.trim()));
}

/**
 * The lint engine: parses every input, models its objects, builds one index over all of them, runs the
 * configured rules and turns their reports into located, suppressible results. No file system, no
 * process, no colours: callers bring text and get data back.
 */
export class Linter {
  private readonly builtinPlugins: Plugin[];

  constructor(options: LinterOptions = {}) {
    this.builtinPlugins = [corePlugin, ...(options.plugins ?? [])];
  }

  /** Resolves the config for a file (throws ConfigError on a bad config). */
  configFor(configs: ConfigArray, relativePath: string): ResolvedConfig {
    return resolveConfig(configs, relativePath, this.builtinPlugins);
  }

  lintText(text: string, configs: ConfigArray, filePath = '<text>', options: LintOptions = {}): LintResult {
    return this.lint([{ filePath, text }], configs, options)[0]!;
  }

  /** Lints several files together: cross-object rules see every object of every file. */
  lint(inputs: LintInput[], configs: ConfigArray, options: LintOptions = {}): LintResult[] {
    const files: FileState[] = [];
    const resolved = new Map<string, ResolvedConfig>();
    let retainedChars = 0;
    for (const input of inputs) {
      const relativePath = input.relativePath ?? input.filePath;
      if (isIgnoredByConfig(configs, relativePath)) continue;
      // Files that the same config objects apply to share one resolved config: resolving is not free.
      const key = configs.map((config) => (appliesToFile(config, relativePath) ? '1' : '0')).join('');
      let config = resolved.get(key);
      if (!config) resolved.set(key, (config = this.configFor(configs, relativePath)));
      const source = parseSourceFile(input.filePath, input.text, {
        maxFileSize: config.settings.maxFileSize,
        maxAliasCount: config.settings.maxAliasCount,
        maxDepth: config.settings.maxDepth,
      });
      const state: FileState = { input, config, source, resources: [], messages: [], directives: undefined as never };
      this.modelResources(state);
      state.directives = new Directives(source);
      for (const resource of state.resources) state.directives.addResource(resource);
      files.push(state);
      retainedChars += source.text.length;
      if (retainedChars > config.settings.treeCacheChars) {
        source.releaseTrees();
        state.treesReleased = true;
      }
    }
    const allResources = files.flatMap((file) => file.resources);
    this.applyCustomResourceScopes(allResources);
    const index = new ResourceIndex(allResources);
    for (const file of files) {
      for (const problem of file.source.problems) this.reportInputProblem(file, problem);
      this.runRules(file, index);
      // Findings may have parsed the file again to locate themselves; keep memory bounded for the next file.
      if (file.treesReleased) file.source.releaseTrees();
      if (options.reportUnusedDirectives || file.config.rules.some((rule) => rule.id === 'kubelore/unused-directive')) {
        for (const unused of file.directives.unused()) {
          this.pushMessage(file, 'kubelore/unused-directive', file.config.severities.get('kubelore/unused-directive') ?? 1, {
            message: `Unused directive: "${unused.text}" suppresses nothing.`,
            range: unused.range,
            resource: unused.resource,
          });
        }
      }
    }
    return files.map((file) => buildResult(file.input.filePath, file.messages));
  }

  private modelResources(file: FileState): void {
    const { source, config } = file;
    for (const document of source.documents) {
      if (!document.lintable) continue;
      const value = document.value;
      if (value === null || value === undefined) continue; // an empty document: `---` at the end of a file
      const start = document.yaml.contents?.range?.[0] ?? document.yaml.range?.[0] ?? 0;
      const at = rangeOfOffsets(source.lineCounter, start, start);
      if (!isPlainObject(value)) {
        const shape = Array.isArray(value) ? 'a sequence' : `a ${typeof value}`;
        source.problems.push({ ruleId: 'kubelore/not-a-resource', message: `Document is ${shape}, not a Kubernetes object; skipped.`, range: at, documentIndex: document.index });
        continue;
      }
      for (const candidate of flattenLists(value)) {
        const missing = ['apiVersion', 'kind'].filter((key) => typeof candidate.value[key] !== 'string' || candidate.value[key] === '');
        if (missing.length > 0) {
          source.problems.push({
            ruleId: 'kubelore/not-a-resource',
            message: `Not a Kubernetes object: no ${missing.map((key) => `\`${key}\``).join(' and ')}; skipped.`,
            range: source.locate(document.index, candidate.pointer),
            documentIndex: document.index,
          });
          continue;
        }
        file.resources.push(createResource(candidate, source, document.index, config.settings.defaultNamespace));
      }
    }
  }

  /** CRDs in the input tell which of their kinds are cluster-scoped. */
  private applyCustomResourceScopes(resources: Resource[]): void {
    const clusterKinds = new Set<string>();
    for (const resource of resources) {
      const spec = resource.object.spec;
      if (resource.kind === 'CustomResourceDefinition' && isPlainObject(spec) && spec.scope === 'Cluster' && isPlainObject(spec.names)) {
        clusterKinds.add(`${String(spec.group)}/${String(spec.names.kind)}`);
      }
    }
    if (clusterKinds.size === 0) return;
    for (const resource of resources) {
      if (clusterKinds.has(`${resource.group}/${resource.kind}`)) resource.namespace = undefined;
    }
  }

  private reportInputProblem(file: FileState, problem: InputProblem): void {
    if (problem.ruleId === null) {
      file.messages.push({
        ruleId: null,
        severity: 2,
        fatal: true,
        message: problem.message,
        ...positionOf(problem.range),
        fix: null,
        suggestions: [],
      });
      return;
    }
    const rule = corePlugin.rules[problem.ruleId.slice('kubelore/'.length)];
    const fallback: SeverityLevel = rule?.meta.severity === 'warn' ? 1 : 2;
    const severity = file.config.severities.get(problem.ruleId) ?? fallback;
    const document = problem.documentIndex;
    this.pushMessage(file, problem.ruleId, severity, {
      message: problem.message,
      range: problem.range,
      document,
    });
  }

  private pushMessage(
    file: FileState,
    ruleId: string,
    severity: SeverityLevel,
    finding: { message: string; messageId?: string; range: SourceRange; resource?: Resource; pointer?: string; document?: number; descriptor?: ReportDescriptor },
  ): void {
    const level = severityForObject(file.config, ruleId, severity, finding.resource);
    if (level === 0) return;
    if (file.directives?.suppresses(ruleId, finding.range.line, finding.resource)) return;
    const message: LintMessage = {
      ruleId,
      severity: level,
      message: finding.message,
      ...(finding.messageId ? { messageId: finding.messageId } : {}),
      ...positionOf(finding.range),
      fix: finding.descriptor?.fix ?? null,
      suggestions: finding.descriptor?.suggest ?? [],
    };
    if (finding.resource) message.resource = resourceRef(finding.resource);
    if (finding.pointer !== undefined) message.path = finding.pointer;
    file.messages.push(message);
  }

  private runRules(file: FileState, index: ResourceIndex): void {
    const kindHandlers = new Map<string, Array<{ rule: ResolvedRule; handler: Handler }>>();
    const add = (key: string, rule: ResolvedRule, handler: Handler | undefined) => {
      if (typeof handler !== 'function') return;
      let list = kindHandlers.get(key);
      if (!list) kindHandlers.set(key, (list = []));
      list.push({ rule, handler });
    };
    for (const resolved of file.config.rules) {
      if (resolved.id.startsWith('kubelore/')) continue;
      const context = this.createContext(file, resolved, index);
      let visitors;
      try {
        visitors = resolved.rule.create(context as RuleContext<string, any>);
      } catch (error) {
        this.reportRuleError(file, resolved, undefined, error);
        continue;
      }
      for (const [key, handler] of Object.entries(visitors)) add(key, resolved, handler as Handler);
    }
    if (kindHandlers.size === 0) return;
    const call = (key: string, node: unknown, resource: Resource | undefined) => {
      for (const { rule, handler } of kindHandlers.get(key) ?? []) {
        try {
          handler(node as never);
        } catch (error) {
          this.reportRuleError(file, rule, resource, error);
        }
      }
    };
    const wantsPods = kindHandlers.has('PodSpec') || kindHandlers.has('Container');
    for (const resource of file.resources) {
      call('*', resource, resource);
      call(resource.kind, resource, resource);
      if (!wantsPods) continue;
      const pod: PodView | undefined = index.podViewOf(resource);
      if (!pod || (isHelmTestHook(resource) && !file.config.settings.lintHelmTestHooks)) continue;
      call('PodSpec', pod, resource);
      if (kindHandlers.has('Container')) for (const container of containersOf(pod)) call('Container', container as ContainerView, resource);
    }
    call('Manifests:exit', undefined, undefined);
  }

  private createContext(file: FileState, resolved: ResolvedRule, index: ResourceIndex): RuleContext {
    const { rule, id } = resolved;
    return {
      id,
      options: resolved.options,
      settings: file.config.settings,
      filePath: file.input.filePath,
      source: file.source,
      index,
      report: (descriptor: ReportDescriptor) => {
        const resource = resourceOf(descriptor.node);
        if (resource.source !== file.source) {
          throw new Error(`rule "${id}" reported on ${resource.kind} ${resource.name ?? ''} from another file; report only on objects of the file being linted`);
        }
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`rule "${id}" reported an unknown messageId "${descriptor.messageId}"`);
        const pointer = descriptor.pointer ?? descriptor.node.pointer;
        const range = file.source.locate(resource.documentIndex, pointer, descriptor.at, descriptor.within);
        this.pushMessage(file, id, resolved.severity, {
          message: formatMessage(template, descriptor.data),
          messageId: descriptor.messageId,
          range,
          resource,
          pointer,
          descriptor,
        });
      },
    };
  }

  private reportRuleError(file: FileState, rule: ResolvedRule, resource: Resource | undefined, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const where = resource ? ` on ${resource.kind} ${resource.name ?? '(unnamed)'}` : '';
    const range = resource ? file.source.locate(resource.documentIndex, resource.pointer) : rangeOfOffsets(file.source.lineCounter, 0, 0);
    this.pushMessage(file, 'kubelore/rule-error', file.config.severities.get('kubelore/rule-error') ?? 2, {
      message: `Rule "${rule.id}" failed${where}: ${reason}`,
      range,
      resource,
    });
  }
}

function positionOf(range: SourceRange): Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
}
