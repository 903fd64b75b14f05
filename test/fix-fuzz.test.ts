// Seeded fix fuzz (issue 24): real manifests (test/fuzz/seeds), mutated, with secrets planted in env values
// and annotations and anchors with aliases added, go through Linter.lintAndFix in process with every rule
// of the strict preset. For each mutant: every fixed text parses as well as its input did, every alias
// of the fixed text still has its anchor, and no flagged secret value is in any printed form (every
// format, the masked `output`).
//
// Default: 80 mutants (a few seconds). Longer: KUBELORE_FIX_FUZZ=5000 node scripts/run-tests.mjs fix-fuzz
// (KUBELORE_FUZZ_SEED=n to change the seed). A failure names the iteration and prints its input.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { fixedTextOf, Linter, valueAt, type LintResult, type Rule } from '../packages/core/dist/index.js';
import { builtinPlugins, presetConfig } from '../packages/cli/dist/index.js';
import { formatters, type FormatterContext } from '../packages/formatters/dist/index.js';
import { exampleSecrets } from '../packages/plugin-credentials/dist/index.js';
import { ROOT } from './cli-helpers.js';
import { mutate, random, type Rng } from './fuzz/mutations.mjs';

const iterations = Number(process.env.KUBELORE_FIX_FUZZ ?? 80);
const seed = Number(process.env.KUBELORE_FUZZ_SEED ?? 24);
const SEEDS = join(ROOT, 'test/fuzz/seeds');
const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.yaml')).sort().map((name) => ({ name, text: readFileSync(join(SEEDS, name), 'utf8') }));
const secrets = exampleSecrets().filter((secret) => !secret.value.includes('\n') && secret.value.length >= 12);

const linter = new Linter();
const configs = [{ plugins: builtinPlugins }, presetConfig('strict')];
const rules = new Map<string, Rule<string, any>>();
for (const [prefix, plugin] of Object.entries(builtinPlugins)) for (const [name, rule] of Object.entries(plugin.rules)) rules.set(`${prefix}/${name}`, rule);
const context: FormatterContext = { cwd: ROOT, color: false, rules, version: '0.0.0' };

/** Plants a secret as an env value of the first container list and as an annotation, and an anchor used by an alias. */
function plant(text: string, rng: Rng): string {
  const secret = rng.pick(secrets);
  let out = text;
  out = out.replace(/^(\s*)- name: ([\w-]+)\n(\s+)image: (.*)$/m, (_, indent, name, inner, image) =>
    `${indent}- name: ${name}\n${inner}image: ${image}\n${inner}env:\n${inner}  - name: ${secret.name}\n${inner}    value: "${secret.value}"`,
  );
  out = out.replace(/^metadata:\n(  )name: (.*)$/m, (_, indent, name) => `metadata:\n${indent}name: ${name}\n${indent}annotations:\n${indent}  ${secret.name.toLowerCase()}: "${secret.value}"`);
  if (rng.int(3) > 0) {
    // An anchored preStop exec copied into a second container's postStart by an alias: the preStop fix
    // (prestop-sleep-action) must not take the anchor away from it.
    out = out.replace(/^(\s*)- name: ([\w-]+)\n(\s+)image: (.*)$/m, (_, indent, name, inner, image) =>
      `${indent}- name: ${name}\n${inner}image: ${image}\n${inner}lifecycle:\n${inner}  preStop:\n${inner}    exec: &hook\n${inner}      command: [sleep, "5"]\n${indent}- name: ${name}-copy\n${inner}image: ${image}\n${inner}lifecycle:\n${inner}  postStart:\n${inner}    exec: *hook\n${inner}  preStop:\n${inner}    exec:\n${inner}      command: [sleep, "3"]`,
    );
  }
  return out;
}

interface Health {
  errors: number;
  unreadable: number;
}

function health(text: string): Health {
  let errors = 0;
  let unreadable = 0;
  for (const doc of parseAllDocuments(text, { logLevel: 'silent' }) as unknown as Array<{ errors: unknown[]; toJS(o: object): unknown }>) {
    errors += doc.errors.length;
    if (doc.errors.length > 0) continue;
    try {
      doc.toJS({ maxAliasCount: 1000 });
    } catch {
      unreadable++;
    }
  }
  return { errors, unreadable };
}

/** The values the credential rules flagged, read from the text the result's findings are about. */
function flaggedValues(result: LintResult, text: string): string[] {
  const documents = (parseAllDocuments(text, { logLevel: 'silent' }) as unknown as Array<{ toJS(o: object): unknown }>).map((doc) => {
    try {
      return doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return undefined;
    }
  });
  const values: string[] = [];
  for (const message of result.messages) {
    if (!message.ruleId || !rules.get(message.ruleId)?.meta.reportsSecretValues || !message.resource || message.path === undefined) continue;
    const value = valueAt(documents[message.resource.document], message.path);
    if (typeof value === 'string' && value.length >= 12) values.push(value);
  }
  return values;
}

test(`${iterations} mutants with planted secrets and aliases through lintAndFix: parses, keeps anchors, prints no flagged value`, () => {
  const failures: string[] = [];
  let fixedCount = 0;
  for (let iteration = 0; iteration < iterations && failures.length < 5; iteration++) {
    const rng = random(seed * 1_000_003 + iteration);
    const source = rng.pick(seeds);
    const mutated = mutate(source.text, rng, seeds);
    const text = plant(mutated.text, rng);
    const where = `iteration ${iteration} (${source.name}, ${mutated.applied.join(' + ')})`;
    const before = health(text);
    let result: LintResult;
    try {
      result = linter.lintAndFix([{ filePath: 'fuzz.yaml', text }], configs)[0]!;
    } catch (error) {
      failures.push(`${where}: threw ${error instanceof Error ? error.stack : String(error)}`);
      continue;
    }
    const fixed = fixedTextOf(result);
    const finalText = fixed ?? text;
    if (fixed !== undefined) {
      fixedCount++;
      const after = health(fixed);
      if (after.errors > before.errors) failures.push(`${where}: the fixed text has ${after.errors} syntax errors, the input ${before.errors}\n${fixed}`);
      if (after.unreadable > before.unreadable) failures.push(`${where}: the fixed text has an alias without its anchor\n${fixed}`);
    }
    const printed = [result.output ?? '', ...Object.values(formatters).map((formatter) => formatter.format([result], context))].join('\n');
    for (const value of flaggedValues(result, finalText)) {
      if (printed.includes(value) || printed.includes(JSON.stringify(value).slice(1, -1))) failures.push(`${where}: a flagged value (${value.slice(0, 6)}…) is printed`);
    }
  }
  assert.equal(failures, [], failures.join('\n\n'));
  assert.ok(fixedCount > 0, 'some mutants were fixed');
});

test.run();
