// Issue 24: secrets through every path. Each case plants synthetic secrets (built at run time by the
// credentials plugin) and greps every format, --fix-dry-run, --fix's report, stderr and error text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleSecrets } from '../packages/plugin-credentials/dist/index.js';
import { kubelore, project } from './cli-helpers.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab'];
const secrets = exampleSecrets().filter((secret) => !secret.value.includes('\n') && secret.value.length >= 12);
const byDetector = (detector: string) => exampleSecrets().find((secret) => secret.detector === detector)!.value;

/** The value or a long piece of it, as written or JSON-escaped. */
function leaks(output: string, value: string): boolean {
  const pieces = [value, ...value.split(/\n|@|:\/\//).filter((piece) => piece.length >= 12)];
  return pieces.some((piece) => output.includes(piece) || output.includes(JSON.stringify(piece).slice(1, -1)));
}

/** Everything kubelore prints for these files: each format, with and without --fix-dry-run, and --fix. */
function everyOutput(files: Record<string, string>, extra: string[] = []): string[] {
  const outputs: string[] = [];
  for (const format of FORMATS) {
    for (const mode of [[], ['--fix-dry-run']]) {
      const dir = project(files);
      const run = kubelore(['.', '--no-config-lookup', '--preset', 'strict', '-f', format, ...mode, ...extra], { cwd: dir });
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      outputs.push(`[${format} ${mode.join(' ')}]\n${run.stdout}\n${run.stderr}`);
    }
    const dir = project(files);
    const run = kubelore(['.', '--no-config-lookup', '--preset', 'strict', '-f', format, '--fix', ...extra], { cwd: dir });
    outputs.push(`[${format} --fix]\n${run.stdout}\n${run.stderr}`);
  }
  return outputs;
}

function assertNoLeak(outputs: string[], values: string[], what: string): void {
  for (const output of outputs) {
    for (const value of values) assert.not.ok(leaks(output, value), `${what}: ${value.slice(0, 6)}… leaks in ${output.split('\n')[0]}`);
  }
}

test('item 2: a YAML error whose parser message quotes the value (`password: >s3cr3t`) does not print it', () => {
  const values = secrets.map((secret) => secret.value);
  const files = Object.fromEntries(
    values.map((value, index) => [
      `bad-${index}.yaml`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: >${value}\n  other: "${value}\n`,
    ]),
  );
  const outputs = everyOutput(files);
  assert.ok(outputs[0]!.includes('YAML syntax error (UNEXPECTED_TOKEN) at line 6, column'), outputs[0]);
  assertNoLeak(outputs, values, 'YAML error');
});

const GH = byDetector('github-token');
const AWS = byDetector('aws-secret-access-key');
const SLACK = byDetector('slack-token');
const GL = byDetector('gitlab-token');
const JWT = byDetector('jwt');

test('item 1: --fix with every format prints no fixed text unmasked; the file gets the real text', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n      env:\n        - name: GH\n          value: ${GH}\n`;
  for (const format of FORMATS) {
    const dir = project({ 'p.yaml': pod });
    const run = kubelore(['p.yaml', '--no-config-lookup', '--fix', '-f', format], { cwd: dir });
    assert.not.ok(leaks(run.stdout + run.stderr, GH), `${format} --fix`);
    const written = readFileSync(join(dir, 'p.yaml'), 'utf8');
    assert.ok(written.includes(GH) && written.includes('dnsPolicy: ClusterFirstWithHostNet'), 'the real fixed text is written');
  }
});

test('item 3: a byte order mark on stdin, in lintText and in a file: fixes land where they belong', async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n';
  const expected = `\ufeff${pod.replace('  hostNetwork: true\n', '  hostNetwork: true\n')}  dnsPolicy: ClusterFirstWithHostNet\n`;
  const stdin = kubelore(['-', '--no-config-lookup', '--fix-dry-run', '-f', 'json'], { input: `\ufeff${pod}` });
  assert.is((JSON.parse(stdin.stdout) as Array<{ output: string }>)[0]!.output, expected);
  const { Kubelore } = await import('../packages/cli/dist/index.js');
  const { fixedTextOf } = await import('../packages/core/dist/index.js');
  const [result] = await new Kubelore({ configLookup: false, fix: true }).lintText(`\ufeff${pod}`);
  assert.is(fixedTextOf(result!), expected);
  assert.is(result!.output, expected);
  const dir = project({ 'p.yaml': `\ufeff${pod}` });
  kubelore(['p.yaml', '--no-config-lookup', '--fix'], { cwd: dir });
  assert.is(readFileSync(join(dir, 'p.yaml'), 'utf8'), expected);
});

test('item 4: duplicate keys, null and collection keys, anchors and merge keys: the flagged value is masked, not its neighbour', () => {
  const files = {
    'dup.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n      env:\n        - name: GH\n          value: harmless-text\n          value: ${GH}\n`,
    'keys.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: k\n  annotations:\n    ? [a, b]\n    : ${JWT}\n    ~: ${SLACK}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: "x:1", args: ["--api=http://api.shop.svc:80"]}]\n`,
    'merge.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\n  annotations: &notes\n    token: ${GL}\nspec:\n  selector: {matchLabels: {app: m}}\n  template:\n    metadata:\n      labels: {app: m}\n      annotations:\n        <<: *notes\n        copy: *notes\n    spec:\n      hostNetwork: true\n      containers: [{name: a, image: "x:1", args: ["--api=http://api.shop.svc:80"]}]\n`,
  };
  const outputs = everyOutput(files);
  assertNoLeak(outputs, [GH, JWT, SLACK, GL], 'odd keys');
  const found = kubelore(['.', '--no-config-lookup', '-f', 'json'], { cwd: project(files) });
  const lines = (JSON.parse(found.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).map((r) => [r.filePath, r.messages.filter((m) => m.ruleId === 'credentials/plaintext-secret').map((m) => m.line)]);
  // kubectl's go-yaml merges `<<: *notes`, so the token reaches the pod template's annotations too: that
  // copy is reported at the text it comes from (line 6), as a pod template annotation.
  assert.equal(lines, [['dup.yaml', [14]], ['keys.yaml', [7, 8]], ['merge.yaml', [6, 6]]], 'each flagged at its own value');
  const dry = kubelore(['.', '--no-config-lookup', '-f', 'json', '--fix-dry-run'], { cwd: project(files) });
  const dup = (JSON.parse(dry.stdout) as Array<{ filePath: string; output: string }>).find((r) => r.filePath === 'dup.yaml')!;
  assert.ok(dup.output.includes('value: harmless-text'), 'the other value is not masked in its place');
});

test('item 5: a malformed container (a null env item) does not hide the secrets of the other containers', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: broken\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n      env:\n        -\n        - name: 5\n      command: {not: a list}\n    - name: fine\n      image: x:1\n      env:\n        - name: GH\n          value: ${GH}\n`;
  const dir = project({ 'p.yaml': pod });
  const run = kubelore(['p.yaml', '--no-config-lookup', '--preset', 'strict', '-f', 'json'], { cwd: dir });
  const messages = (JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; message: string }> }>)[0]!.messages;
  assert.equal(messages.filter((m) => m.ruleId === 'kubelore/rule-error').map((m) => m.message), [], 'no rule threw');
  assert.ok(messages.some((m) => m.ruleId === 'credentials/plaintext-secret' && m.line === 19), JSON.stringify(messages));
  assertNoLeak(everyOutput({ 'p.yaml': pod }), [GH], 'malformed sibling');
});

test('item 6: pod-template annotations, probe headers, lifecycle and probe exec commands, volume options are scanned and masked', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata:
      labels: {app: d}
      annotations:
        deploy-token: ${GL}
    spec:
      hostNetwork: true
      containers:
        - name: a
          image: x:1
          args: ["--api=http://api.shop.svc:80"]
          livenessProbe:
            httpGet:
              path: /
              port: 80
              httpHeaders:
                - name: Authorization
                  value: Bearer ${JWT}
          lifecycle:
            postStart:
              exec:
                command: [sh, -c, "curl -H 'x: y' --token=${GH} http://x"]
          readinessProbe:
            exec:
              command: [check, --api-token=${JWT}]
      volumes:
        - name: v
          flexVolume:
            driver: acme/x
            options:
              token: ${SLACK}
`;
  const dir = project({ 'd.yaml': deployment });
  const run = kubelore(['d.yaml', '--no-config-lookup', '-f', 'json'], { cwd: dir });
  const lines = (JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>)[0]!.messages.filter((m) => m.ruleId === 'credentials/plaintext-secret').map((m) => m.line);
  assert.equal(lines, [11, 24, 28, 31, 37]);
  assertNoLeak(everyOutput({ 'd.yaml': deployment }), [GL, JWT, GH, AWS, SLACK], 'unscanned places');
});

test('item 6: a message that quotes a flagged value (a schema message) does not carry it', () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  dnsPolicy: "${GH}"\n  containers:\n    - name: a\n      image: x:1\n      args: ["--api=http://api.shop.svc:80"]\n      env:\n        - name: GH\n          value: ${GH}\n`;
  assertNoLeak(everyOutput({ 'p.yaml': pod }), [GH], 'schema message');
});

test.run();
