import type { ConfigObject } from './config.js';
import type { Plugin, RuleEntry } from './rule.js';

export type PresetName = 'recommended' | 'strict';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict'];

/**
 * A preset as one config object: the union of the configs of that name of every plugin given, in
 * order (a later plugin's entry for the same rule wins). Pure: the same plugins give the same object.
 */
export function presetConfig(name: PresetName, plugins: readonly Plugin[]): ConfigObject {
  const rules: Record<string, RuleEntry> = {};
  for (const plugin of plugins) {
    if (!plugin || typeof plugin !== 'object' || !plugin.configs) continue;
    Object.assign(rules, plugin.configs[name]?.rules);
  }
  return { name: `kubelore:${name}`, rules };
}
