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
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
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
  /** One per workspace folder, innermost first, each with its config and index. */
  private folders: Workspace[] = [];
  /** For documents outside every folder: no index, the config from the working directory. */
  private loose = new Workspace(undefined);
  /** Folders whose open documents wait to be linted (an edit, a file event, a config change). */
  private readonly pending = new Set<Workspace>();
  /** Documents changed since their last lint: they are published even when their findings are the same. */
  private readonly edited = new Set<string>();
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
    this.documents.onDidOpen((event) => this.edit(event.document.uri, 0));
    this.documents.onDidChangeContent((event) => this.edit(event.document.uri));
    this.documents.onDidClose((event) => {
      this.verdicts.delete(event.document.uri);
      this.background(connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
      // Its file on disk, not its buffer, is what the other documents see now.
      const path = pathOf(event.document.uri);
      const workspace = this.workspaceOf(path);
      this.background(
        this.ready.then(async () => {
          if (workspace.covers(path)) await workspace.readFromDisk(path);
          this.schedule(0, [workspace]);
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
    // Every folder of a multi-root workspace, each indexed with its own config; else the root.
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = [];
    for (const uri of uris) this.addFolder(uri);
    const watchFolders = params.capabilities.workspace?.workspaceFolders === true;
    if (watchFolders) this.connection.workspace.onDidChangeWorkspaceFolders((event) => this.background(this.foldersChanged(event)));
    // `{ settings: {...} }` (the VS Code extension), `{ kubelore: {...} }` (Helix's `config`) or the settings themselves.
    const options = params.initializationOptions as { settings?: unknown; kubelore?: unknown } | null | undefined;
    this.settings = readSettings(options?.settings ?? options?.kubelore ?? options);
    this.pullConfiguration = params.capabilities.workspace?.configuration === true;
    this.watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    // Index from the start; lints wait for it (the first document may open before `initialized`).
    this.ready = this.reload(this.workspaces, false);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        ...(watchFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
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

  /** A folder's workspace, kept innermost first: a document belongs to the deepest folder that holds it. */
  private addFolder(uri: string): Workspace | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const root = fileURLToPath(uri);
    if (this.folders.some((workspace) => workspace.root === root)) return undefined;
    const workspace = new Workspace(root);
    this.folders.push(workspace);
    this.folders.sort((a, b) => b.root!.length - a.root!.length);
    return workspace;
  }

  private workspaceOf(path: string): Workspace {
    return this.folders.find((workspace) => workspace.contains(path)) ?? this.loose;
  }

  private get workspaces(): Workspace[] {
    return [...this.folders, this.loose];
  }

  /** Folders added are indexed (their open documents then judged against them), folders removed forgotten. */
  private async foldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(event.removed.map((folder: WorkspaceFolder) => (folder.uri.startsWith('file:') ? fileURLToPath(folder.uri) : folder.uri)));
    this.folders = this.folders.filter((workspace) => !removed.has(workspace.root!));
    const added = event.added.map((folder: WorkspaceFolder) => this.addFolder(folder.uri)).filter((workspace): workspace is Workspace => workspace !== undefined);
    // Documents of a removed folder now belong to another one, or to none.
    await this.restart(added, { reindex: true, lintAll: true });
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
    if (reloadNeeded) await this.restart(this.workspaces, { reindex: true });
    else this.schedule(0, this.workspaces);
  }

  /** Loads the config and indexes these workspaces again, then lints their open documents (or all). */
  private async restart(workspaces: readonly Workspace[], options: { reindex: boolean; lintAll?: boolean }): Promise<void> {
    const previous = this.ready;
    this.ready = previous.then(() => this.reload(workspaces, options.reindex));
    await this.ready;
    this.schedule(0, options.lintAll ? this.workspaces : workspaces);
  }

  private async reload(workspaces: readonly Workspace[], reindex: boolean): Promise<void> {
    this.indexing = true;
    try {
      for (const workspace of workspaces) await this.loadAndIndex(workspace, reindex);
    } finally {
      this.indexing = false;
    }
  }

  private async loadAndIndex(workspace: Workspace, reindex: boolean): Promise<void> {
    const started = performance.now();
    try {
      await workspace.loadConfig(this.settings);
    } catch (error) {
      const text = error instanceof ConfigError ? error.message : `could not load the config: ${describeError(error)}`;
      // A notification: nothing to answer, so nothing to fail when a client does not handle requests for it.
      this.background(this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `kubelore: ${text}` }));
      this.log(text);
      return;
    }
    const loaded = performance.now();
    if (workspace.root === undefined || (!reindex && workspace.fileCount > 0)) return;
    try {
      await workspace.index();
    } catch (error) {
      this.log(`could not index ${workspace.root}: ${describeError(error)}`);
    }
    const config = workspace.configFile ? `config ${workspace.displayPath(workspace.configFile)}` : 'no config file';
    this.log(`indexed ${workspace.fileCount} files in ${Math.round(performance.now() - loaded)} ms (${config}, loaded in ${Math.round(loaded - started)} ms; ${workspace.root})`);
  }

  private async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    await this.ready;
    const reload = new Set<Workspace>();
    const rediscover = new Set<Workspace>();
    const changed = new Set<Workspace>();
    for (const change of params.changes) {
      const path = pathOf(change.uri);
      // A folder nested in another is indexed by both: each sees the change.
      for (const workspace of this.folders.filter((candidate) => candidate.contains(path) || candidate.configFile === path)) {
        if (workspace.isConfigFile(path) || workspace.configFile === path) reload.add(workspace);
        else if (path.endsWith('.gitignore')) rediscover.add(workspace);
        else if (!workspace.covers(path)) continue;
        else if (change.type === FileChangeType.Deleted) workspace.forget(path);
        // A new file may be one .gitignore leaves out: the CLI's discovery decides.
        else if (change.type === FileChangeType.Created) rediscover.add(workspace);
        else await workspace.readFromDisk(path);
        changed.add(workspace);
      }
    }
    if (reload.size > 0) await this.restart([...reload], { reindex: true });
    for (const workspace of reload) rediscover.delete(workspace);
    if (rediscover.size > 0) this.rediscover([...rediscover]);
    if (changed.size > 0) this.schedule(0, [...changed].filter((workspace) => !reload.has(workspace) && !rediscover.has(workspace)));
  }

  private readonly rediscovering = new Set<Workspace>();

  private rediscover(workspaces: readonly Workspace[]): void {
    for (const workspace of workspaces) this.rediscovering.add(workspace);
    clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => {
      const due = [...this.rediscovering];
      this.rediscovering.clear();
      this.background(this.restart(due, { reindex: true }));
    }, 100);
  }

  /** A document opened or changed: its folder's open documents are linted (it depends on them, they on it). */
  private edit(uri: string, delay?: number): void {
    this.edited.add(uri);
    this.schedule(delay, [this.workspaceOf(pathOf(uri))]);
  }

  /**
   * Lints the open documents: at once (on the next turn of the event loop, so that changes sent together
   * are linted together) when nothing was linted for `debounceMs`, else after `debounceMs` of quiet. A
   * burst of keystrokes costs one lint at its start and one at its end; a single edit waits for nothing.
   */
  private schedule(delay: number | undefined, workspaces: readonly Workspace[]): void {
    for (const workspace of workspaces) this.pending.add(workspace);
    const quiet = this.settings.debounceMs;
    const idle = this.timer === undefined && performance.now() - this.lastLintEnd >= quiet;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.background(
        this.ready.then(() => {
          const due = [...this.pending];
          this.pending.clear();
          for (const workspace of due) this.lintOpenDocuments(workspace);
          this.lastLintEnd = performance.now();
        }),
      );
    }, delay ?? (idle ? 0 : quiet));
  }

  /** The open documents of a workspace (all of them when none is given). */
  private openTexts(workspace?: Workspace): Array<OpenText & { document: TextDocument }> {
    const open = this.documents.all().map((document) => ({ document, path: pathOf(document.uri), text: document.getText() }));
    return workspace ? open.filter((entry) => this.workspaceOf(entry.path) === workspace) : open;
  }

  /**
   * One run over the open documents of a workspace folder, the rest of it as context: an edit to one can
   * change the verdict on any other (Services, PDBs and HPAs, kustomizations and CRDs reach across
   * folders). The run is incremental (the workspace's LintSession): the index is updated with the edited
   * file's objects, and on the unchanged documents only the rules that read the index run again. A
   * document is published when it changed or its findings did.
   */
  private lintOpenDocuments(workspace: Workspace): void {
    const open = this.openTexts(workspace);
    if (open.length === 0) return;
    let results: Map<string, LintResult>;
    try {
      results = workspace.lint(open, []);
    } catch (error) {
      this.connection.console.error(`kubelore: lint failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    for (const { document, path, text } of open) {
      const verdict = this.verdictOf(workspace, document, text, results.get(path));
      const before = this.verdicts.get(document.uri);
      this.verdicts.set(document.uri, verdict);
      const edited = this.edited.delete(document.uri);
      if (!edited && before && before.snapshot.version === document.version && JSON.stringify(before.diagnostics) === JSON.stringify(verdict.diagnostics)) continue;
      this.background(this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: verdict.diagnostics }));
    }
  }

  private verdictOf(workspace: Workspace, document: TextDocument, text: string, result: LintResult | undefined): Verdict {
    const snapshot = TextDocument.create(document.uri, document.languageId, document.version, text);
    const positions = new PositionMap(snapshot);
    const messages = (result?.messages ?? []).filter((message) => this.settings.schemaDiagnostics || !isSchemaFinding(message));
    const diagnostics = messages.map((message) => toDiagnostic(message, positions, workspace.rules));
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
    this.edited.add(uri);
    this.lintOpenDocuments(this.workspaceOf(pathOf(uri)));
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
    const workspace = this.workspaceOf(pathOf(uri));
    const open = this.openTexts(workspace);
    const target = open.find((entry) => entry.document.uri === uri);
    if (!target) return undefined;
    const accept = (message: LintMessage) => this.settings.schemaDiagnostics || !isSchemaFinding(message);
    const result = workspace.lint([target], open.filter((entry) => entry !== target), { fix: accept }).get(target.path);
    if (!result) return undefined;
    const edits = fixAllEdits(verdict.text, fixedTextOf(result), result, verdict.messages, workspace.rules, verdict.positions);
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
        const text = explainRule(message.ruleId, this.workspaceOf(pathOf(params.textDocument.uri)).rules);
        if (text) sections.push(text.trimEnd());
      }
    });
    if (sections.length === 0) return null;
    return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
  }
}
