// The entry of the bundled server the extension starts (dist/server.mjs).
import { startStdioServer } from '@kubelore/language-server';

process.exitCode = await startStdioServer();
