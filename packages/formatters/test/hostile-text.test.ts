// Issue 24, items 7 and 15: text from manifests (a key a message names, a file name) must not drive the
// terminal or forge CI log lines, and no formatter may fail on a very large number of findings in one file.
import type { LintMessage, LintResult } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatters, formatGithub, formatJson, formatJunit, formatSarif, formatStylish } from '../src/index.js';
import { context } from './sample.js';

const ESC = '\u001b';
const hostile = `Unknown key "x${ESC}[2K${ESC}[1A\r::error::forged\u202Egnp.exe\u0007" in spec.`;

function message(overrides: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: 'demo/latest-image', severity: 2, message: hostile, line: 3, column: 5, endLine: 3, endColumn: 9, fix: null, suggestions: [], ...overrides };
}

function result(messages: LintMessage[], filePath = `deploy/a${ESC}[31m\r.yaml`): LintResult {
  return { filePath, messages, errorCount: messages.length, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

test('stylish: escape sequences, carriage returns and bidi overrides from a message or path are shown escaped', () => {
  const output = formatStylish([result([message()])], { color: false });
  assert.not.match(output, RAW_CONTROL);
  assert.ok(output.includes('x\\x1b[2K\\x1b[1A\\x0d::error::forged\\u202egnp.exe\\x07'), output);
  assert.ok(output.includes('deploy/a\\x1b[31m\\x0d.yaml'), output);
});

test('stylish with colour: only kubelore\'s own colour codes are raw', () => {
  const output = formatStylish([result([message()])], { color: true });
  // Every raw ESC starts one of picocolors' SGR sequences.
  const escapes = output.split(ESC).slice(1);
  for (const rest of escapes) assert.match(rest, /^\[\d+m/);
  assert.ok(output.includes('\\x1b[2K'));
});

test('github: a message cannot end its command or start another; control characters are escaped', () => {
  const output = formatGithub([result([message()], 'deploy/a.yaml')], context());
  const lines = output.trimEnd().split('\n');
  assert.is(lines.length, 1, output);
  assert.not.match(output.trimEnd(), RAW_CONTROL);
  assert.ok(lines[0]!.includes('x\\x1b[2K\\x1b[1A%0D::error::forged\\u202egnp.exe\\x07'), output);
});

test('junit: control characters in text and attributes are visible escapes', () => {
  const output = formatJunit([result([message()])], context());
  assert.not.match(output.replace(/\n/g, ''), RAW_CONTROL);
  assert.ok(output.includes('x\\x1b[2K\\x1b[1A\\x0d::error::forged\\u202egnp.exe\\x07'), output);
});

test('130,000 findings in one file: every format completes (no spreading or recursion over findings)', () => {
  const many = Array.from({ length: 130_000 }, (_, i) => message({ message: 'plain', line: i + 1, endLine: i + 1 }));
  const big = [result(many, 'deploy/big.yaml')];
  assert.ok(formatStylish(big).includes('130000 problems'));
  assert.ok(formatJson(big).length > 0);
  assert.ok(formatGithub(big, context()).split('\n').length > 130_000);
  assert.ok(formatJunit(big, context()).includes('<failure'));
  assert.ok(formatSarif(big, context()).includes('"results"'));
  // Every built-in format, whatever else has been added (gitlab).
  for (const [name, formatter] of Object.entries(formatters)) assert.ok(formatter.format(big, context()).length > 0, name);
});

test.run();
