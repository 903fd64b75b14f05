import { PRESETS, type PresetName } from 'kubelore';

/** What the user can set, under `kubelore.` in the editor's settings. */
export interface ServerSettings {
  /** A preset applied before the config file (none: the config file's, or `recommended` without one). */
  preset: PresetName | undefined;
  /** `settings.kubernetesVersion` for every file. */
  kubernetesVersion: string | undefined;
  /** A config file to use instead of looking up `kubelore.config.*` (relative to the workspace folder). */
  configPath: string | undefined;
  /** Report `schema/*` findings; off when the YAML extension validates schemas already. */
  schemaDiagnostics: boolean;
  /** Milliseconds of quiet after an edit before linting. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  preset: undefined,
  kubernetesVersion: undefined,
  configPath: undefined,
  schemaDiagnostics: true,
  debounceMs: 50,
};

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads whatever the client sent (anything at all) into settings; what is not understood keeps its default. */
export function readSettings(raw: unknown): ServerSettings {
  const given = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const preset = nonEmptyString(given.preset);
  const debounce = given.debounceMs;
  return {
    preset: preset && PRESETS.includes(preset as PresetName) ? (preset as PresetName) : undefined,
    kubernetesVersion: nonEmptyString(given.kubernetesVersion),
    configPath: nonEmptyString(given.configPath),
    schemaDiagnostics: typeof given.schemaDiagnostics === 'boolean' ? given.schemaDiagnostics : DEFAULT_SETTINGS.schemaDiagnostics,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= 10_000 ? debounce : DEFAULT_SETTINGS.debounceMs,
  };
}

export function sameSettings(a: ServerSettings, b: ServerSettings): boolean {
  return a.preset === b.preset && a.kubernetesVersion === b.kubernetesVersion && a.configPath === b.configPath && a.schemaDiagnostics === b.schemaDiagnostics && a.debounceMs === b.debounceMs;
}
