import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, release, type } from 'node:os';
import { VERSION } from './version.js';

/** The packages kubelore is made of, whose versions --env-info prints. */
const PACKAGES = [
  '@kubelore/core',
  '@kubelore/formatters',
  '@kubelore/plugin-credentials',
  '@kubelore/plugin-dns',
  '@kubelore/plugin-references',
  '@kubelore/plugin-scheduling',
  '@kubelore/plugin-schema',
  '@kubelore/plugin-termination',
];

function packageVersion(name: string): string {
  try {
    const path = createRequire(import.meta.url).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    // The single-file bundle (dist/kubelore.mjs) holds every package at kubelore's own version.
    return `${VERSION} (bundled)`;
  }
}

/** What to paste into a bug report: versions of Node.js, kubelore and its packages, and the OS. */
export function envInfo(): string {
  const lines = [
    'Environment Info:',
    '',
    `Node version: ${process.version}`,
    `kubelore version: v${VERSION}`,
    'Packages:',
    ...PACKAGES.map((name) => `  ${name}: ${packageVersion(name)}`),
    `Operating System: ${type()} ${release()} (${arch()})`,
  ];
  return `${lines.join('\n')}\n`;
}
