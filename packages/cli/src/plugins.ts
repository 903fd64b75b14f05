import { corePlugin, type ConfigObject, type Plugin } from '@kubelore/core';
import * as credentials from '@kubelore/plugin-credentials';
import * as dns from '@kubelore/plugin-dns';
import * as references from '@kubelore/plugin-references';
import * as schema from '@kubelore/plugin-schema';
import * as scheduling from '@kubelore/plugin-scheduling';
import * as termination from '@kubelore/plugin-termination';

const modules: Record<string, unknown> = { termination, scheduling, credentials, dns, schema, references };

/** The plugins kubelore ships, by their rule prefix (each package default-exports its plugin). */
export const builtinPlugins: Record<string, Plugin> = Object.fromEntries(
  Object.entries(modules)
    .map(([prefix, module]) => [prefix, (module as { default?: Plugin }).default] as const)
    .filter((entry): entry is readonly [string, Plugin] => entry[1] !== undefined),
);

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
