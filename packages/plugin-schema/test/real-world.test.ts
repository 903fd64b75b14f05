import { readdirSync, readFileSync } from 'node:fs';
import { Linter } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import plugin from '../src/index.js';

// Manifests that clusters accept, copied from public projects (see fixtures/README.md).
const FIXTURES = new URL('./fixtures/', import.meta.url);

test('real-world manifests: no schema finding at all', () => {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.yaml'));
  assert.ok(files.length >= 4);
  const inputs = files.map((file) => ({ filePath: file, text: readFileSync(new URL(file, FIXTURES), 'utf8') }));
  const rules = { 'schema/valid': 'error', 'schema/deprecated-api': 'error', 'schema/unknown-kind': 'error' } as const;
  const results = new Linter().lint(inputs, [{ plugins: { schema: plugin }, rules }]);
  const findings = results.flatMap((result) => result.messages.map((m) => `${result.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
  assert.equal(findings, []);
  const objects = inputs.reduce((sum, input) => sum + (input.text.match(/^kind:/gm)?.length ?? 0), 0);
  assert.ok(objects > 20, `the fixtures hold ${objects} objects`);
});

test.run();
