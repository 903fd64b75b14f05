import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { corePlugin, Linter, type Plugin, type Rule } from '../packages/core/dist/index.js';
import { builtinPlugins } from '../packages/cli/dist/index.js';
// @ts-expect-error: a plain ESM script without types
import { readmeWithTable, rulesIndexPage } from '../scripts/rules-index.mjs';
import { ROOT } from './cli-helpers.js';

// Every page follows the same outline so a reader finds the story and the fix in the same place.
const HEADINGS = ['## The failure it prevents', '## Incorrect', '## Correct', '## Options', '## References'];
const DOCS = join(ROOT, 'docs/rules');

/** Where a rule's page is: in its package, `packages/<package>/docs/rules/<rule>.md` (set by definePlugin's docsDir). */
function pageFile(rule: Rule): string | undefined {
  return rule.meta.docs.page ? fileURLToPath(rule.meta.docs.page) : undefined;
}

interface Page {
  id: string;
  text: string;
  sections: Map<string, string>;
}

function readPage(prefix: string, name: string, rule: Rule): Page {
  const text = readFileSync(pageFile(rule)!, 'utf8');
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
  const result = linter.lintText(code, [{ plugins: { [prefix]: plugin }, rules: { [`${prefix}/${name}`]: 'error' } }], `packages/plugin-${prefix}/docs/rules/${name}.md`);
  return result.messages;
}

const rules: Array<[string, string, Rule, Plugin]> = Object.entries(builtinPlugins).flatMap(([prefix, plugin]) =>
  Object.entries(plugin.rules).map(([name, rule]) => [prefix, name, rule, plugin] as [string, string, Rule, Plugin]),
);
const coreRules: Array<[string, string, Rule, Plugin]> = Object.entries(corePlugin.rules).map(([name, rule]) => ['kubelore', name, rule, corePlugin]);
// Engine rules whose example cannot be shown with the default settings alone.
// render-error and not-rendered are made by the CLI's render step (test/render.test.ts shows them).
const NOT_SHOWN_BY_EXAMPLE = new Set(['kubelore/rule-error', 'kubelore/fix-rejected', 'kubelore/fix-not-written', 'kubelore/input-limit', 'kubelore/render-error', 'kubelore/not-rendered']);

test('every rule has a page in its own package, and every page a rule', () => {
  const all = [...coreRules, ...rules];
  const missing = all.filter(([, , rule]) => !pageFile(rule) || !existsSync(pageFile(rule)!)).map(([p, n]) => `${p}/${n}`);
  assert.equal(missing, [], 'rules without a page');
  for (const [prefix, , rule] of all) {
    const folder = relative(ROOT, dirname(pageFile(rule)!)).split('\\').join('/');
    assert.is(folder, prefix === 'kubelore' ? 'packages/core/docs/rules' : `packages/plugin-${prefix}/docs/rules`, `${prefix}: pages travel with the package`);
  }
  const pages = new Set(all.map(([, , rule]) => pageFile(rule)));
  const folders = new Set([...pages].map((file) => dirname(file!)));
  const orphans = [...folders].flatMap((folder) => readdirSync(folder).filter((file) => file.endsWith('.md')).map((file) => join(folder, file))).filter((file) => !pages.has(file));
  assert.equal(orphans, [], 'pages without a rule');
  assert.equal(readdirSync(DOCS), ['README.md'], 'docs/rules holds only the generated index');
});

for (const [prefix, name, rule] of coreRules) {
  const id = `${prefix}/${name}`;
  test(`${id}: the engine rule's page has the outline and its examples`, () => {
    const page = readPage(prefix, name, rule);
    assert.ok(page.text.startsWith(`# ${id}\n`), 'the page starts with "# <rule id>"');
    assert.equal([...page.sections.keys()].filter((h) => HEADINGS.includes(h)), HEADINGS, 'headings in order');
    const preset = /^- \*\*Preset:\*\* (.*)$/m.exec(page.text)?.[1] ?? '';
    assert.ok(preset.startsWith(rule.meta.docs.recommended === true ? 'recommended' : 'strict'), preset);
    if (NOT_SHOWN_BY_EXAMPLE.has(id)) return;
    const linter = new Linter();
    const config = [{ rules: { [id]: 'error' as const } }];
    const incorrect = yamlBlock(page.sections.get('## Incorrect'))!;
    const correct = yamlBlock(page.sections.get('## Correct'))!;
    assert.ok(linter.lintText(incorrect, config, 'example.yaml').messages.some((m) => (m.ruleId ?? 'kubelore/parse-error') === id), `the incorrect example should report ${id}`);
    assert.equal(linter.lintText(correct, config, 'example.yaml').messages.map((m) => `${m.ruleId} ${m.message}`), [], 'the correct example is clean');
  });
}

for (const [prefix, name, rule, plugin] of rules) {
  const id = `${prefix}/${name}`;
  if (!pageFile(rule) || !existsSync(pageFile(rule)!)) continue;

  test(`${id}: the page has the outline, preset and fixable lines of the rule`, () => {
    const page = readPage(prefix, name, rule);
    assert.ok(page.text.startsWith(`# ${id}\n`), 'the page starts with "# <rule id>"');
    assert.equal([...page.sections.keys()].filter((h) => HEADINGS.includes(h)), HEADINGS, 'headings in order');
    const preset = /^- \*\*Preset:\*\* (.*)$/m.exec(page.text)?.[1] ?? '';
    const expected = rule.meta.docs.recommended === true ? 'recommended' : rule.meta.docs.recommended === 'strict' ? 'strict' : 'off';
    assert.ok(preset.startsWith(expected), `Preset line "${preset}" should start with "${expected}"`);
    const fixable = /^- \*\*Fixable:\*\* (.*)$/m.exec(page.text)?.[1] ?? '';
    assert.is(fixable.startsWith('yes'), Boolean(rule.meta.fixable), `Fixable line "${fixable}" against meta.fixable`);
  });

  test(`${id}: the options section matches the schema and defaults`, () => {
    const section = readPage(prefix, name, rule).sections.get('## Options') ?? '';
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
    const page = readPage(prefix, name, rule);
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
