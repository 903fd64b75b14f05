import type { ConfigArray, ConfigObject } from '@kubelore/core';

/** What defineConfig takes: config objects, preset names, and arrays of them, nested as deep as wanted. */
export type ConfigInput = ConfigObject | 'kubelore:recommended' | 'kubelore:strict' | readonly ConfigInput[];

/**
 * Types a `kubelore.config.js` (or `.ts`) and flattens nested arrays into one flat config array, as
 * ESLint's `defineConfig` does: `export default defineConfig(['kubelore:recommended', { rules: {…} }])`.
 */
export function defineConfig(...configs: ConfigInput[]): Array<ConfigObject | 'kubelore:recommended' | 'kubelore:strict'> {
  const flat: Array<ConfigObject | 'kubelore:recommended' | 'kubelore:strict'> = [];
  const add = (entry: ConfigInput) => {
    if (Array.isArray(entry)) (entry as readonly ConfigInput[]).forEach(add);
    else flat.push(entry as ConfigObject | 'kubelore:recommended' | 'kubelore:strict');
  };
  configs.forEach(add);
  return flat;
}

/** A config object that only ignores: files matching these globs are not linted at all. */
export function globalIgnores(ignores: string[], name?: string): ConfigObject {
  if (!Array.isArray(ignores) || ignores.some((glob) => typeof glob !== 'string')) throw new TypeError('globalIgnores() takes an array of glob strings.');
  return name === undefined ? { ignores } : { name, ignores };
}

export type { ConfigArray };
