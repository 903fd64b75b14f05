import { workspace, type ExtensionContext, type TextDocument } from 'vscode';
import { DidOpenTextDocumentNotification, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { looksLikeKubernetes } from './manifest-check.js';

let client: LanguageClient | undefined;

/** The `kubelore.*` settings as the server reads them (empty strings mean "not set"). */
function settings(): Record<string, unknown> {
  const config = workspace.getConfiguration('kubelore');
  return {
    preset: config.get('preset'),
    kubernetesVersion: config.get('kubernetesVersion'),
    configPath: config.get('configPath'),
    schemaDiagnostics: config.get('schemaDiagnostics'),
    debounceMs: config.get('debounceMs'),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  // The bundled server (dist/server.mjs): @kubelore/language-server and kubelore in one file.
  const serverModule = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--inspect=6010'] } },
  };
  // YAML documents reach the server only once they look like Kubernetes objects; one that starts to
  // (a `kind:` typed into a new file) is opened on the server then.
  const synced = new Set<string>();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: 'kubelore',
      fileEvents: workspace.createFileSystemWatcher('**/{*.yaml,*.yml,*.json,kubelore.config.*,.gitignore}'),
    },
    initializationOptions: { settings: settings() },
    middleware: {
      didOpen: async (document: TextDocument, next) => {
        if (!looksLikeKubernetes(document.getText(), document.uri.fsPath)) return;
        synced.add(document.uri.toString());
        await next(document);
      },
      didChange: async (event, next) => {
        const uri = event.document.uri.toString();
        if (synced.has(uri)) return next(event);
        if (!looksLikeKubernetes(event.document.getText(), event.document.uri.fsPath)) return;
        synced.add(uri);
        const document = event.document;
        await client?.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: document.languageId, version: document.version, text: document.getText() },
        });
      },
      didClose: async (document: TextDocument, next) => {
        if (!synced.delete(document.uri.toString())) return;
        await next(document);
      },
    },
  };
  client = new LanguageClient('kubelore', 'kubelore', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
