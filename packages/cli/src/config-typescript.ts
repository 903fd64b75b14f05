import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@kubelore/core';

/** Looked up after the JavaScript, JSON and YAML names, as ESLint looks up eslint.config.ts after .js. */
export const TYPESCRIPT_CONFIG_NAMES = ['kubelore.config.ts', 'kubelore.config.mts', 'kubelore.config.cts'];

interface Jiti {
  import(id: string, options: { default: true }): Promise<unknown>;
}

/** Where the `jiti` package is, from the config file's folder first, then from kubelore's own. */
function findJiti(configPath: string): string | undefined {
  for (const from of [configPath, import.meta.url]) {
    try {
      return pathToFileURL(createRequire(from).resolve('jiti')).href;
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/**
 * A TypeScript config file's default export. As ESLint does for eslint.config.ts: with Node's own type
 * stripping when it is on (`process.features.typescript`: Node 22.18+, 23.6+, or --experimental-strip-types),
 * else through `jiti` when the project has it installed. kubelore does not depend on jiti itself: a
 * TypeScript config is the exception, and jiti would be in every install.
 */
export async function importTypeScript(path: string): Promise<unknown> {
  const features = process.features as { typescript?: string | false };
  if (features.typescript) return ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  const jitiUrl = findJiti(path);
  if (!jitiUrl) {
    throw new ConfigError(
      `Could not load config file ${path}: Node.js ${process.version} cannot strip TypeScript types itself. Install jiti (npm install --save-dev jiti), use Node.js 22.18 or later, or write kubelore.config.mjs.`,
    );
  }
  const module = (await import(jitiUrl)) as { createJiti?: (id: string, options?: Record<string, unknown>) => Jiti };
  if (typeof module.createJiti !== 'function') throw new ConfigError(`Could not load config file ${path}: the installed jiti has no createJiti (kubelore needs jiti 2 or later).`);
  return module.createJiti(pathToFileURL(path).href, { interopDefault: true }).import(path, { default: true });
}
