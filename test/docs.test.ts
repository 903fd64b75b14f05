import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Linter, type Plugin, type Rule } from '../packages/core/dist/index.js';
import { builtinPlugins } from '../packages/cli/dist/index.js';
// @ts-expect-error: a plain ESM script without types
import { readmeWithTable, rulesIndexPage } from '../scripts/rules-index.mjs';
import { ROOT } from './cli-helpers.js';

// Every page follows the same outline so a reader finds the story and the fix in the same place.
const HEADINGS = ['## The failure it prevents', '## Incorrect', '## Correct', '## Options', '## References'];
const DOCS = join(ROOT, 'docs/rules');

interface Page {
  id: string;
  text: string;
  sections: Map<string, string>;
}

function readPage(prefix: string, name: string): Page {
  const text = readFileSync(join(DOCS, prefix, `${name}.md`), 'utf8');
  const sections = new Map<string, string>();
  for (const part of text.split(/^(?=## )/m).slice(1)) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return { id: `${prefix}/${name}`, text, sections };
}

function yamlBlock(section: string | undefined): string | undefined {
  return section ? /```yaml\n([\s\S]*?)```/.exec(section)?.[1] : undefined;
}

/** Lints an example with only this rule on, at its default options. */
function lintExample(prefix: string, name: string, plugin: Plugin, code: string) {
  const linter = new Linter();
  const result = linter.lintText(code, [{ plugins: { [prefix]: plugin }, rules: { [`${prefix}/${name}`]: 'error' } }], `docs/rules/${prefix}/${name}.md`);
  return result.messages;
}

const rules: Array<[string, string, Rule, Plugin]> = Object.entries(builtinPlugins).flatMap(([prefix, plugin]) =>
  Object.entries(plugin.rules).map(([name, rule]) => [prefix, name, rule, plugin] as [string, string, Rule, Plugin]),
);

test('every rule has a page and every page a rule', () => {
  const missing = rules.filter(([prefix, name]) => !existsSync(join(DOCS, prefix, `${name}.md`))).map(([p, n]) => `${p}/${n}`);
  assert.equal(missing, [], 'rules without a page');
  const ids = new Set(rules.map(([prefix, name]) => `${prefix}/${name}`));
  const orphans = readdirSync(DOCS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(DOCS, dir.name)).filter((file) => file.endsWith('.md')).map((file) => `${dir.name}/${file.slice(0, -3)}`))
    .filter((id) => !ids.has(id));
  assert.equal(orphans, [], 'pages without a rule');
});

for (const [prefix, name, rule, plugin] of rules) {
  const id = `${prefix}/${name}`;
  if (!existsSync(join(DOCS, prefix, `${name}.md`))) continue;

  test(`${id}: the page has the outline, preset and fixable lines of the rule`, () => {
    const page = readPage(prefix, name);
    assert.ok(page.text.startsWith(`# ${id}\n`), 'the page starts with "# <rule id>"');
    assert.equal([...page.sections.keys()].filter((h) => HEADINGS.includes(h)), HEADINGS, 'headings in order');
    const preset = /^- \*\*Preset:\*\* (.*)$/m.exec(page.text)?.[1] ?? '';
    const expected = rule.meta.docs.recommended === true ? 'recommended' : rule.meta.docs.recommended === 'strict' ? 'strict' : 'off';
    assert.ok(preset.startsWith(expected), `Preset line "${preset}" should start with "${expected}"`);
    const fixable = /^- \*\*Fixable:\*\* (.*)$/m.exec(page.text)?.[1] ?? '';
    assert.is(fixable.startsWith('yes'), Boolean(rule.meta.fixable), `Fixable line "${fixable}" against meta.fixable`);
  });

  test(`${id}: the options section matches the schema and defaults`, () => {
    const section = readPage(prefix, name).sections.get('## Options') ?? '';
    const properties = Object.keys((rule.meta.schema?.properties as Record<string, unknown> | undefined) ?? {});
    if (properties.length === 0) {
      assert.match(section, /This rule has no options\./);
      return;
    }
    const rows = [...section.matchAll(/^\| `([^`]+)` \| [^|]+ \| (.+?) \| .+\|$/gm)].map((match) => [match[1]!, match[2]!.trim()] as const);
    assert.equal(rows.map(([option]) => option).sort(), [...properties].sort(), 'documented options');
    const defaults = (rule.meta.defaultOptions ?? {}) as Record<string, unknown>;
    for (const [option, shown] of rows) {
      if (!(option in defaults)) continue;
      const literal = /^`([^`]*)`/.exec(shown)?.[1];
      assert.ok(literal !== undefined, `${option}: the default is written as code`);
      let parsed: unknown = literal;
      try {
        parsed = JSON.parse(literal!);
      } catch {
        // A bare word such as `ClusterFirst` is a string.
      }
      assert.equal(parsed, defaults[option], `${option}: documented default`);
    }
  });

  test(`${id}: the incorrect example reports the rule and the correct one does not`, () => {
    const page = readPage(prefix, name);
    const incorrect = yamlBlock(page.sections.get('## Incorrect'));
    const correct = yamlBlock(page.sections.get('## Correct'));
    assert.ok(incorrect && correct, 'both sections hold a ```yaml block');
    const bad = lintExample(prefix, name, plugin, incorrect!);
    assert.equal(bad.filter((m) => m.ruleId !== id).map((m) => m.message), [], 'the incorrect example is otherwise readable');
    assert.ok(bad.some((m) => m.ruleId === id), `the incorrect example should report ${id}`);
    const good = lintExample(prefix, name, plugin, correct!);
    assert.equal(good.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`), [], 'the correct example is clean');
  });
}

test('the rule index and the README table are generated from the current rules', () => {
  assert.is(readFileSync(join(DOCS, 'README.md'), 'utf8'), rulesIndexPage(), 'run `pnpm run docs`');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.is(readme, readmeWithTable(readme), 'run `pnpm run docs`');
});

test.run();
