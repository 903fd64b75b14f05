import { fileURLToPath } from 'node:url';
import { ConfigError, fixedTextOf, type LintMessage, type LintResult } from '@kubelore/core';
import { explainRule } from 'kubelore';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, fixAllEdits, quickFixes } from './actions.js';
import { isSchemaFinding, PositionMap, rangesOverlap, toDiagnostic } from './convert.js';
import { DEFAULT_SETTINGS, readSettings, sameSettings, type ServerSettings } from './settings.js';
import { Workspace, type OpenText } from './workspace.js';

/** What the last lint of an open document found, against the exact text it linted. */
interface Verdict {
  snapshot: TextDocument;
  positions: PositionMap;
  /** The linted text as kubelore counts it (no byte order mark). */
  text: string;
  messages: LintMessage[];
  diagnostics: Diagnostic[];
}

function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The language server: lints open documents against the whole workspace on open and change (debounced),
 * publishes diagnostics, offers fixes, suggestions and disable comments as code actions, explains rules on
 * hover, and keeps the workspace index and the config current from file events.
 */
export class KubeloreServer {
  private readonly documents = new TextDocuments(TextDocument);
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private workspace = new Workspace(undefined);
  private ready: Promise<void> = Promise.resolve();
  private readonly verdicts = new Map<string, Verdict>();
  private timer: NodeJS.Timeout | undefined;
  private lastLintEnd = Number.NEGATIVE_INFINITY;
  /** True while the config loads and the workspace is indexed: a lint then would judge against part of it. */
  private indexing = true;
  private pullConfiguration = false;
  private watchRegistration = false;
  private reindexTimer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.background(this.initialized()));
    connection.onDidChangeConfiguration((change) => this.background(this.settingsChanged(change.settings)));
    connection.onDidChangeWatchedFiles((params) => this.background(this.filesChanged(params)));
    connection.onCodeAction((params) => this.guard(() => this.codeActions(params), []));
    connection.onHover((params) => this.guard(() => this.hover(params), null));
    this.documents.onDidOpen(() => this.schedule(0));
    this.documents.onDidChangeContent(() => this.schedule());
    this.documents.onDidClose((event) => {
      this.verdicts.delete(event.document.uri);
      this.background(connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
      // Its file on disk, not its buffer, is what the other documents see now.
      const path = pathOf(event.document.uri);
      this.background(
        this.ready.then(async () => {
          if (this.workspace.covers(path)) await this.workspace.readFromDisk(path);
          this.schedule(0);
        }),
      );
    });
    this.documents.listen(connection);
  }

  /** Runs a promise for its effect: a failure (the client refusing a request, a lost pipe) is logged, never thrown. */
  private background(promise: Promise<unknown>): void {
    promise.catch((error: unknown) => this.connection.console.error(`kubelore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }

  private log(message: string): void {
    this.connection.console.log(`kubelore: ${message}`);
  }

  /** A handler's answer, or the fallback when it throws: bad input never takes the server down. */
  private guard<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.connection.console.error(`kubelore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.workspace = new Workspace(folder?.startsWith('file:') ? fileURLToPath(folder) : undefined);
    // `{ settings: {...} }` (the VS Code extension), `{ kubelore: {...} }` (Helix's `config`) or the settings themselves.
    const options = params.initializationOptions as { settings?: unknown; kubelore?: unknown } | null | undefined;
    this.settings = readSettings(options?.settings ?? options?.kubelore ?? options);
    this.pullConfiguration = params.capabilities.workspace?.configuration === true;
    this.watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    // Index from the start; lints wait for it (the first document may open before `initialized`).
    this.ready = this.reload(false);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'kubelore-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.pullConfiguration) {
      this.background(this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubelore' }));
      await this.settingsChanged(undefined);
    }
    if (this.watchRegistration) {
      this.background(
        this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/kubelore.config.{js,mjs,cjs,ts,mts,cts,json,yaml,yml}' }, { globPattern: '**/.gitignore' }],
        }),
      );
    }
  }

  private async settingsChanged(pushed: unknown): Promise<void> {
    let raw = (pushed as { kubelore?: unknown } | undefined)?.kubelore;
    if (this.pullConfiguration) {
      try {
        raw = await this.connection.workspace.getConfiguration('kubelore');
      } catch (error) {
        this.log(`could not read the settings: ${describeError(error)}`);
      }
    }
    // A client with nothing set answers null: what initialize said stands.
    if (raw === undefined || raw === null) return;
    const next = readSettings(raw);
    if (sameSettings(next, this.settings)) return;
    const reloadNeeded = next.preset !== this.settings.preset || next.kubernetesVersion !== this.settings.kubernetesVersion || next.configPath !== this.settings.configPath;
    this.settings = next;
    if (reloadNeeded) await this.restart(true);
    else this.schedule(0);
  }

  /** Loads the config and indexes the workspace again, then lints the open documents. */
  private async restart(reindex: boolean): Promise<void> {
    const previous = this.ready;
    this.ready = previous.then(() => this.reload(reindex));
    await this.ready;
    this.schedule(0);
  }

  private async reload(reindex: boolean): Promise<void> {
    this.indexing = true;
    try {
      await this.loadAndIndex(reindex);
    } finally {
      this.indexing = false;
    }
  }

  private async loadAndIndex(reindex: boolean): Promise<void> {
    const started = performance.now();
    try {
      await this.workspace.loadConfig(this.settings);
    } catch (error) {
      const text = error instanceof ConfigError ? error.message : `could not load the config: ${describeError(error)}`;
      // A notification: nothing to answer, so nothing to fail when a client does not handle requests for it.
      this.background(this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `kubelore: ${text}` }));
      this.log(text);
      return;
    }
    const loaded = performance.now();
    if (!reindex && this.workspace.fileCount > 0) return;
    try {
      await this.workspace.index();
    } catch (error) {
      this.log(`could not index the workspace: ${describeError(error)}`);
    }
    const config = this.workspace.configFile ? `config ${this.workspace.displayPath(this.workspace.configFile)}` : 'no config file';
    this.log(`indexed ${this.workspace.fileCount} files in ${Math.round(performance.now() - loaded)} ms (${config}, loaded in ${Math.round(loaded - started)} ms)`);
  }

  private async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    await this.ready;
    let reload = false;
    let rediscover = false;
    for (const change of params.changes) {
      const path = pathOf(change.uri);
      if (this.workspace.isConfigFile(path) || (this.workspace.configFile !== undefined && path === this.workspace.configFile)) reload = true;
      else if (path.endsWith('.gitignore')) rediscover = true;
      else if (!this.workspace.covers(path)) continue;
      else if (change.type === FileChangeType.Deleted) this.workspace.forget(path);
      // A new file may be one .gitignore leaves out: the CLI's discovery decides.
      else if (change.type === FileChangeType.Created) rediscover = true;
      else await this.workspace.readFromDisk(path);
    }
    if (reload) await this.restart(true);
    else if (rediscover) this.rediscover();
    else this.schedule(0);
  }

  private rediscover(): void {
    clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => this.background(this.restart(true)), 100);
  }

  /**
   * Lints the open documents: at once (on the next turn of the event loop, so that changes sent together
   * are linted together) when nothing was linted for `debounceMs`, else after `debounceMs` of quiet. A
   * burst of keystrokes costs one lint at its start and one at its end; a single edit waits for nothing.
   */
  private schedule(delay?: number): void {
    const quiet = this.settings.debounceMs;
    const idle = this.timer === undefined && performance.now() - this.lastLintEnd >= quiet;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.background(
        this.ready.then(() => {
          this.lintOpenDocuments();
          this.lastLintEnd = performance.now();
        }),
      );
    }, delay ?? (idle ? 0 : quiet));
  }

  private openTexts(): Array<OpenText & { document: TextDocument }> {
    return this.documents.all().map((document) => ({ document, path: pathOf(document.uri), text: document.getText() }));
  }

  /**
   * One run over every open document, the rest of the workspace as context: an edit to any file can change
   * the verdict on any other (Services, PDBs and HPAs, kustomizations and CRDs reach across folders), and the
   * run costs the same index build however many open documents it judges.
   */
  private lintOpenDocuments(): void {
    const open = this.openTexts();
    if (open.length === 0) return;
    let results: Map<string, LintResult>;
    try {
      results = this.workspace.lint(open, []);
    } catch (error) {
      this.connection.console.error(`kubelore: lint failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    for (const { document, path, text } of open) {
      const verdict = this.verdictOf(document, text, results.get(path));
      this.verdicts.set(document.uri, verdict);
      this.background(this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: verdict.diagnostics }));
    }
  }

  private verdictOf(document: TextDocument, text: string, result: LintResult | undefined): Verdict {
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, text);
    const positions = new PositionMap(snapshot);
    const messages = (result?.messages ?? []).filter((message) => this.settings.schemaDiagnostics || !isSchemaFinding(message));
    const diagnostics = messages.map((message) => toDiagnostic(message, positions, this.workspace.rules));
    return { snapshot, positions, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, messages, diagnostics };
  }

  /** The verdict on a document as it is now: linted again first when it changed since. */
  private currentVerdict(uri: string): Verdict | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const known = this.verdicts.get(uri);
    if (known && known.snapshot.version === document.version) return known;
    // An answer from an older text would put edits in the wrong places; none until the index is ready.
    if (this.indexing) return undefined;
    this.lintOpenDocuments();
    return this.verdicts.get(uri);
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const verdict = this.currentVerdict(params.textDocument.uri);
    if (!verdict) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      verdict.messages.forEach((message, index) => {
        const diagnostic = verdict.diagnostics[index]!;
        if (rangesOverlap(diagnostic.range, params.range)) actions.push(...quickFixes(message, diagnostic, verdict.text, params.textDocument.uri, verdict.positions));
      });
    }
    if (wants(FIX_ALL_KIND) && verdict.messages.some((message) => message.fix)) {
      const fixAll = this.fixAll(params.textDocument.uri, verdict);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private fixAll(uri: string, verdict: Verdict): CodeAction | undefined {
    const open = this.openTexts();
    const target = open.find((entry) => entry.document.uri === uri);
    if (!target) return undefined;
    const accept = (message: LintMessage) => this.settings.schemaDiagnostics || !isSchemaFinding(message);
    const result = this.workspace.lint([target], open.filter((entry) => entry !== target), { fix: accept }).get(target.path);
    if (!result) return undefined;
    const edits = fixAllEdits(verdict.text, fixedTextOf(result), result, verdict.messages, this.workspace.rules, verdict.positions);
    if (edits.length === 0) return undefined;
    return { title: 'Fix all kubelore problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
  }

  private hover(params: HoverParams): Hover | null {
    const verdict = this.currentVerdict(params.textDocument.uri);
    if (!verdict) return null;
    const at = { start: params.position, end: params.position };
    const sections: string[] = [];
    const explained = new Set<string>();
    verdict.messages.forEach((message, index) => {
      const diagnostic = verdict.diagnostics[index]!;
      if (!rangesOverlap(diagnostic.range, at)) return;
      const id = String(diagnostic.code);
      sections.push(`**${id}**: ${message.message}`);
      if (message.ruleId && !explained.has(message.ruleId)) {
        explained.add(message.ruleId);
        const text = explainRule(message.ruleId, this.workspace.rules);
        if (text) sections.push(text.trimEnd());
      }
    });
    if (sections.length === 0) return null;
    return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
  }
}
