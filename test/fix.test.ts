import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { kubelore, project } from './cli-helpers.js';

// Only this rule runs, so the tests do not move when other plugins add findings.
const CONFIG = { 'kubelore.config.json': JSON.stringify({ rules: { 'termination/prestop-sleep-action': 'warn' } }) };

const pod = (name: string, newline = '\n') =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name} # keep me`,
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: gcr.io/distroless/static',
    '      lifecycle:',
    '        # wait for the load balancer',
    '        preStop:',
    '          exec:',
    '            command: [sleep, "10"]',
    '        # after the hook',
    '',
  ].join(newline);

const sleepAction = (name: string, newline = '\n') =>
  pod(name, newline).replace(`exec:${newline}            command: [sleep, "10"]`, `sleep:${newline}            seconds: 10`);

function messagesOf(stdout: string, ruleId = 'termination/prestop-sleep-action') {
  return JSON.parse(stdout).flatMap((result: { messages: { ruleId: string }[] }) => result.messages.filter((m) => m.ruleId === ruleId));
}

test('--fix rewrites every document of a file, keeps comments, and the finding is gone on the next run', () => {
  const dir = project({ ...CONFIG, 'pods.yaml': `${pod('a')}---\n${pod('b')}` });
  const run = kubelore(['pods.yaml', '--fix', '-f', 'json'], { cwd: dir });
  assert.is(run.status, 0, run.stderr);
  assert.equal(messagesOf(run.stdout), []);
  const written = readFileSync(join(dir, 'pods.yaml'), 'utf8');
  assert.is(written, `${sleepAction('a')}---\n${sleepAction('b')}`);
  for (const doc of parseAllDocuments(written)) assert.equal(doc.errors, []);
  const again = kubelore(['pods.yaml', '-f', 'json'], { cwd: dir });
  assert.equal(messagesOf(again.stdout), []);
});

test('--fix keeps CRLF line endings', () => {
  const dir = project({ ...CONFIG, 'pod.yaml': pod('a', '\r\n') });
  const run = kubelore(['pod.yaml', '--fix'], { cwd: dir });
  assert.is(run.status, 0, run.stderr);
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), sleepAction('a', '\r\n'));
});

test('--fix-dry-run on stdin prints the fixed text as "output" and writes nothing', () => {
  const run = kubelore(['-', '--stdin-filename', 'pod.yaml', '--fix-dry-run', '-f', 'json'], { input: pod('a'), cwd: project(CONFIG) });
  assert.is(run.status, 0, run.stderr);
  const [result] = JSON.parse(run.stdout);
  assert.is(result.output, sleepAction('a'));
  assert.equal(result.messages, []);
});

test('--fix-dry-run leaves the file alone; --fix-type problem skips a suggestion-type rule', () => {
  const dir = project({ ...CONFIG, 'pod.yaml': pod('a') });
  const dry = kubelore(['pod.yaml', '--fix-dry-run', '-f', 'json'], { cwd: dir });
  assert.is(JSON.parse(dry.stdout)[0].output, sleepAction('a'));
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod('a'));
  const problemsOnly = kubelore(['pod.yaml', '--fix', '--fix-type', 'problem', '-f', 'json'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'pod.yaml'), 'utf8'), pod('a'));
  assert.is(messagesOf(problemsOnly.stdout).length, 1);
});

test('JSON carries the fix and the suggestions of a finding, as ESLint does', () => {
  const run = kubelore(['-', '--stdin-filename', 'pod.yaml', '-f', 'json'], { input: pod('a'), cwd: project(CONFIG) });
  const [message] = messagesOf(run.stdout);
  const text = pod('a');
  const range = [text.indexOf('exec:'), text.indexOf('"10"]') + '"10"]'.length];
  assert.equal(message.fix, { range, text: 'sleep:\n            seconds: 10' });
  assert.equal(message.suggestions, []);
});

test.run();
