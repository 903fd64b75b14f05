import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type ConfigArray, type ConfigObject } from '@kubelore/core';
import { validateShape } from '@kubelore/core/internal';
import { parse as parseYaml } from 'yaml';
import { PRESETS, presetConfig, type PresetName } from './plugins.js';
import { importTypeScript, TYPESCRIPT_CONFIG_NAMES } from './config-typescript.js';

export const CONFIG_FILE_NAMES = [
  'kubelore.config.js',
  'kubelore.config.mjs',
  'kubelore.config.cjs',
  'kubelore.config.json',
  'kubelore.config.yaml',
  'kubelore.config.yml',
  ...TYPESCRIPT_CONFIG_NAMES,
];

/** The nearest config file from `cwd` upward, as ESLint's flat config lookup does. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const present = CONFIG_FILE_NAMES.filter((name) => existsSync(join(dir, name)));
    if (present.length > 1) {
      throw new ConfigError(`Found ${present.length} config files in ${dir}: ${present.join(', ')}. Keep one (kubelore would not know which to use), or pick one with -c.`);
    }
    if (present.length === 1) return join(dir, present[0]!);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * A config file's array. JS modules export it as default; JSON and YAML hold it as data. In every form an
 * entry may be the string "kubelore:recommended" or "kubelore:strict", which stands for that preset.
 */
export async function loadConfigFile(path: string): Promise<ConfigArray> {
  let data: unknown;
  try {
    if (/\.(c|m)?ts$/.test(path)) {
      data = await importTypeScript(path);
    } else if (/\.(c|m)?js$/.test(path)) {
      const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
      data = module.default;
    } else {
      const text = readFileSync(path, 'utf8');
      data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Could not load config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const entries = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : undefined;
  if (!entries) throw new ConfigError(`Config file ${path} must hold an array of config objects (or one object).`);
  // An empty file (a CommonJS module exports `{}`), `export default []` or `[{}]` would run no rule at all
  // and pass everything: a config that checks nothing is a mistake, not a choice.
  if (entries.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 0)) {
    throw new ConfigError(
      `Config file ${path} holds no config objects (empty, or an empty array or object): no rule would run. Export ["kubelore:recommended"] for the defaults, or config objects with "rules".`,
    );
  }
  return entries.map((entry, position): ConfigObject => {
    if (typeof entry === 'string') {
      const preset = entry.replace(/^kubelore:/, '') as PresetName;
      if (!PRESETS.includes(preset)) throw new ConfigError(`Config file ${path}, entry #${position}: unknown preset "${entry}" (use "kubelore:recommended" or "kubelore:strict").`);
      return presetConfig(preset);
    }
    validateShape(entry as ConfigObject, `Config file ${path}, entry #${position}`);
    return entry as ConfigObject;
  });
}
