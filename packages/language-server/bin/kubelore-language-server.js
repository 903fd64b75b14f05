#!/usr/bin/env node
// The kubelore language server over stdio (clients may pass --stdio; it is the only transport).
import { startStdioServer } from '../dist/index.js';

process.exitCode = await startStdioServer();
