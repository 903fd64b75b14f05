import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { project, ROOT, servedDeployment } from '../cli-helpers.js';
// The built library, as a user's script would load it (the CLI tests also run the built CLI).
import { Kubelore } from '../../packages/cli/dist/index.js';

export const FIXTURES = join(ROOT, 'test/bad-input/fixtures');

export interface Finding {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

/**
 * A Deployment that receives traffic without a preStop delay: `termination/prestop-delay` fires on it at
 * line 14, column 11 of the document, which makes "this document was still linted" observable.
 */
export function goodDeployment(name: string): string {
  return servedDeployment(name);
}

/** Where prestop-delay fires on `goodDeployment` when it starts at `firstLine`. */
export const prestopAt = (firstLine: number): [string, number, number] => ['termination/prestop-delay', firstLine + 13, 11];

/** Only rules whose findings the cases assert, so that new rules elsewhere do not change these tests. */
export const RULES = {
  'termination/prestop-delay': 'error',
  'schema/valid': 'error',
  'schema/unknown-kind': 'warn',
};

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/**
 * Lints `files` together with `other.yaml` (a good Deployment) in one run of the library, with only
 * RULES on. Checks that the other file was still linted and that no rule crashed, and returns the
 * findings of every other file by path.
 */
export async function lintCase(files: Record<string, string | Uint8Array>, settings: Record<string, unknown> = {}): Promise<Map<string, Finding[]>> {
  const config = [{ rules: RULES, settings }];
  const dir = project({ ...files, 'other.yaml': goodDeployment('other'), 'kubelore.config.json': JSON.stringify(config) });
  const kubelore = new Kubelore({ cwd: dir, overrideConfigFile: 'kubelore.config.json' });
  const results = await kubelore.lintFiles([...Object.keys(files), 'other.yaml']);
  const byPath = new Map<string, Finding[]>(
    results.map((result: { filePath: string; messages: Finding[] }) => [result.filePath, result.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))]),
  );
  assert.equal(positions(byPath.get('other.yaml')!), [prestopAt(1)], 'the other file of the run is still linted');
  for (const [path, findings] of byPath) {
    assert.not.ok(findings.some((finding) => finding.ruleId === 'kubelore/rule-error'), `no rule crashed on ${path}: ${JSON.stringify(findings)}`);
  }
  byPath.delete('other.yaml');
  return byPath;
}

export function positions(findings: Finding[]): Array<[string | null, number, number]> {
  return findings.map((finding) => [finding.ruleId, finding.line, finding.column]);
}
