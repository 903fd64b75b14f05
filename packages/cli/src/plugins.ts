import { corePlugin, presetConfig as corePresetConfig, type ConfigObject, type Plugin, type PresetName } from '@kubelore/core';
import credentials from '@kubelore/plugin-credentials';
import dns from '@kubelore/plugin-dns';
import references from '@kubelore/plugin-references';
import schema from '@kubelore/plugin-schema';
import scheduling from '@kubelore/plugin-scheduling';
import termination from '@kubelore/plugin-termination';

export { PRESETS, type PresetName } from '@kubelore/core';

/** The plugins kubelore ships, by their rule prefix. */
export const builtinPlugins: Record<string, Plugin> = { termination, scheduling, credentials, dns, schema, references };

/** A preset of the engine's rules and every built-in plugin. */
export function presetConfig(name: PresetName): ConfigObject {
  return corePresetConfig(name, [corePlugin, ...Object.values(builtinPlugins)]);
}
