export { Kubelore, type KubeloreOptions } from './kubelore.js';
export { runCli, type CliIO } from './cli.js';
export { builtinPlugins, presetConfig, PRESETS, type PresetName } from './plugins.js';
export { VERSION } from './version.js';
export type { ConfigArray, ConfigObject, LintMessage, LintResult, Plugin, Rule } from '@kubelore/core';
export { defineRule, definePlugin } from '@kubelore/core';
export { defineConfig, globalIgnores, type ConfigInput } from './define-config.js';
export { type SuppressionsData, type UnusedSuppression } from './suppressions.js';
// For the language server (@kubelore/language-server): the same file rules and --explain text as the command.
export { findFiles, type FoundFile } from './files.js';
export { explainRule } from './info.js';
