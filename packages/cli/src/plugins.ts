import { corePlugin, type ConfigObject, type Plugin } from '@kubelore/core';
import credentials from '@kubelore/plugin-credentials';
import dns from '@kubelore/plugin-dns';
import references from '@kubelore/plugin-references';
import schema from '@kubelore/plugin-schema';
import scheduling from '@kubelore/plugin-scheduling';
import termination from '@kubelore/plugin-termination';

/** The plugins kubelore ships, by their rule prefix. */
export const builtinPlugins: Record<string, Plugin> = { termination, scheduling, credentials, dns, schema, references };

export type PresetName = 'recommended' | 'strict';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict'];

/** A preset as a config object: the union of every built-in plugin's config of that name. */
export function presetConfig(name: PresetName): ConfigObject {
  const rules: NonNullable<ConfigObject['rules']> = {};
  for (const plugin of [corePlugin, ...Object.values(builtinPlugins)]) {
    if (!plugin || typeof plugin !== 'object' || !plugin.configs) continue;
    Object.assign(rules, plugin.configs[name]?.rules);
  }
  return { name: `kubelore:${name}`, rules };
}
