import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { KubeloreServer } from './server.js';

export { KubeloreServer } from './server.js';
export { readSettings, DEFAULT_SETTINGS, type ServerSettings } from './settings.js';

/**
 * Runs the server over this process's stdin and stdout until the client says `exit`. Resolves with the
 * exit code LSP asks for: 0 after a `shutdown` request, 1 without one. Nothing else may write to stdout.
 */
export function startStdioServer(): Promise<number> {
  return new Promise((resolve) => {
    const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    let shutdown = false;
    connection.onShutdown(() => {
      shutdown = true;
    });
    connection.onExit(() => resolve(shutdown ? 0 : 1));
    // Last line of defence: whatever a rule or a library throws outside a handler is logged, and the editor keeps its server.
    const report = (error: unknown) => connection.console.error(`kubelore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.on('uncaughtException', report);
    process.on('unhandledRejection', report);
    new KubeloreServer(connection);
    connection.listen();
  });
}
