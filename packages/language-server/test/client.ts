// A real LSP client for the tests: starts the server as a child process and talks JSON-RPC to it over
// stdio with vscode-languageserver-protocol, as an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  type FileEvent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const here = dirname(fileURLToPath(import.meta.url));
export const SERVER_BIN = join(here, '../bin/kubelore-language-server.js');
export const CLI_BIN = join(here, '../../cli/bin/kubelore.js');

/** A temporary workspace folder with the given files. */
export function workspace(files: Record<string, string>): { root: string; uri: (path: string) => string; write: (path: string, text: string) => void; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kubelore-lsp-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { root, uri: (path) => pathToFileURL(join(root, path)).href, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StartOptions {
  root: string;
  /** What `workspace/configuration` answers for `kubelore` (the client pulls settings when given). */
  settings?: Record<string, unknown>;
  /** Start through `kubelore --lsp` instead of the server's own bin. */
  viaCli?: boolean;
  /** Start this script instead (the extension's bundled server). */
  serverPath?: string;
  /** More workspace folders after `root` (a multi-root workspace). */
  folders?: string[];
  /** Flags for the server's node (the latency bench's `--cpu-prof`). */
  nodeArgs?: string[];
}

type Waiter = { uri: string; test: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void };

export class TestClient {
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  readonly messages: string[] = [];
  readonly registrations: string[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Waiter[] = [];
  settings: Record<string, unknown> | undefined;
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: StartOptions): Promise<TestClient> {
    const args = options.viaCli ? [CLI_BIN, '--lsp', '--stdio'] : [options.serverPath ?? SERVER_BIN, '--stdio'];
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });

    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    client.settings = options.settings;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.published.push(params);
      for (const waiter of [...client.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          client.waiters.splice(client.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logs.push(params.message);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      client.messages.push(params.message);
    });
    connection.onRequest(ShowMessageRequest.type, (params) => {
      client.messages.push(params.message);
      return null;
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings ?? null));
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations.map((registration) => registration.method));
    });
    connection.listen();
    const pull = options.settings !== undefined;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(options.root).href,
      workspaceFolders: [options.root, ...(options.folders ?? [])].map((root, index) => ({ uri: pathToFileURL(root).href, name: `folder-${index}` })),
      capabilities: { workspace: { configuration: pull, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next publishDiagnostics for `uri` that passes `test`. */
  diagnostics(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; logs: ${this.logs.join(' | ')}; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({
        uri,
        test,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Adds and removes workspace folders, as an editor does when the user changes them. */
  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const folders = (roots: string[]) => roots.map((root) => ({ uri: pathToFileURL(root).href, name: root }));
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: folders(added), removed: folders(removed) } });
  }

  async settingsChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubelore: settings } });
  }

  /** Shutdown and exit, as an editor closing does; kills the process if it does not go. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.child.kill(), 5_000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
