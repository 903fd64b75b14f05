// Secrets never leave in a report (issue 12): for every credential detector, in every place a secret is
// looked for, the finding is present and the value is absent from every format's output, and from the
// --fix-dry-run output, where the fixed text is printed with the values masked. The values are
// synthetic, built at run time by the credentials plugin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleSecrets } from '../packages/plugin-credentials/dist/index.js';
import { kubelore, project } from './cli-helpers.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab'];
const secrets = exampleSecrets();
const quote = (value: string) => JSON.stringify(value);

// One file per detector, with the secret in an env value, a ConfigMap and an annotation; a fixable
// finding in the same file (the pod names a cluster Service on the host network) makes --fix-dry-run
// print output that still holds the secret in its place.
function manifests(name: string, value: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: app
  annotations:
    ${name}: ${quote(value)}
spec:
  hostNetwork: true
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0
      env:
        - name: ${name}
          value: ${quote(value)}
      args: ["--api=http://api.shop.svc:80"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  ${name}: ${quote(value)}
`;
}

const files = Object.fromEntries(secrets.map((secret) => [`${secret.detector}.yaml`, manifests(secret.name, secret.value)]));
const dir = project(files);
const rules = ['--no-config-lookup', '--rule', 'credentials/plaintext-secret: error', '--rule', 'dns/host-network-policy: warn'];

/** Every piece of a value that would give it away: the whole, each line, and any long fragment of it. */
function leaks(output: string, value: string): string[] {
  const pieces = value.split(/\n|@|:\/\//).filter((piece) => piece.length >= 12);
  return [value, ...pieces].filter((piece) => output.includes(piece) || output.includes(JSON.stringify(piece).slice(1, -1)));
}

test('every detector is exercised and found in env, ConfigMap data and annotations', () => {
  assert.ok(secrets.length >= 9, 'one example per detector');
  const run = kubelore(['.', '-f', 'json', ...rules], { cwd: dir });
  assert.is(run.status, 1, run.stderr);
  for (const result of JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>) {
    const found = result.messages.filter((m) => m.ruleId === 'credentials/plaintext-secret').map((m) => m.line);
    assert.equal(found, [6, 14, 22], `${result.filePath}: annotation, env and ConfigMap`);
  }
});

for (const format of FORMATS) {
  test(`${format}: no secret value in the output`, () => {
    const run = kubelore(['.', '-f', format, ...rules], { cwd: dir });
    assert.is(run.status, 1, run.stderr);
    assert.ok(run.stdout.includes('plaintext-secret'), 'the findings are in the report');
    for (const secret of secrets) assert.equal(leaks(run.stdout + run.stderr, secret.value), [], `${secret.detector} leaks in ${format}`);
  });
}

test('--fix-dry-run: the fixed text is printed with the secret values masked', () => {
  const run = kubelore(['.', '-f', 'json', '--fix-dry-run', ...rules], { cwd: dir });
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; output?: string }>;
  for (const result of results) {
    assert.ok(result.output?.includes('dnsPolicy: ClusterFirstWithHostNet'), `${result.filePath}: the fix is in the output`);
    assert.is(result.output!.match(/<redacted by kubelore>/g)?.length, 3, `${result.filePath}: three values masked`);
  }
  for (const secret of secrets) assert.equal(leaks(run.stdout, secret.value), [], secret.detector);
  for (const format of FORMATS.filter((f) => f !== 'json')) {
    const other = kubelore(['.', '-f', format, '--fix-dry-run', ...rules], { cwd: dir });
    for (const secret of secrets) assert.equal(leaks(other.stdout, secret.value), [], `${secret.detector} in ${format}`);
  }
});

test.run();
