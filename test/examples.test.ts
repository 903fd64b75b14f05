import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, ROOT } from './cli-helpers.js';

// Each founding story: the broken manifests fail with the story's rules, the fixed ones pass the
// recommended preset as a whole (not only the story's rule).
const STORIES: Record<string, string[]> = {
  'ravelin-termination': ['termination/prestop-delay'],
  'moonlight-spread': ['scheduling/spread-replicas'],
  'zalando-overload': [
    'scheduling/kubelet-api-qps',
    'scheduling/resource-requests',
    'credentials/host-network',
    'dns/host-network-policy',
  ],
  'adevinta-dns': ['dns/ndots'],
  'adevinta-credentials': ['credentials/session-ttl'],
};

interface Finding {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

function findings(stdout: string): Finding[] {
  return JSON.parse(stdout).flatMap((result: { messages: Finding[] }) => result.messages);
}

for (const [story, rules] of Object.entries(STORIES)) {
  test(`examples/${story}: broken exits 1 with ${rules.join(', ')}; fixed exits 0`, () => {
    const broken = kubelore([`examples/${story}/broken`, '-f', 'json']);
    assert.is(broken.status, 1, broken.stderr);
    const found = new Set(findings(broken.stdout).map((finding) => finding.ruleId));
    for (const rule of rules) assert.ok(found.has(rule), `${rule} in ${[...found].join(', ')}`);

    const fixed = kubelore([`examples/${story}/fixed`, '-f', 'json']);
    assert.equal(findings(fixed.stdout).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`), [], 'the fixed manifests are clean');
    assert.is(fixed.status, 0);
  });
}

test('examples/custom-plugin: its config wires the third-party rule in', () => {
  const cwd = join(ROOT, 'examples/custom-plugin');
  const run = kubelore(['manifests', '-f', 'json'], { cwd });
  assert.is(run.status, 1, run.stderr);
  assert.ok(findings(run.stdout).some((finding) => finding.ruleId === 'acme/team-label'));
  const explain = kubelore(['--explain', 'acme/team-label'], { cwd });
  assert.is(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /^# acme\/team-label\n/, 'the plugin ships its page and --explain reads it');
  const sarif = JSON.parse(kubelore(['manifests', '-f', 'sarif'], { cwd }).stdout);
  const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'acme/team-label');
  assert.match(rule.help.markdown, /Recommended labels/, "SARIF help comes from the plugin's page");
  assert.match(rule.helpUri, /examples\/custom-plugin\/docs\/rules\/team-label\.md$/);
});

test('examples/library: the script lints from memory, prints a report and exits 1 on errors', () => {
  const run = spawnSync(process.execPath, ['examples/library/lint.mjs'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, /rendered\/checkout\.yaml/);
  assert.match(run.stdout, /error\(s\); first finding: \S+\/\S+/);
});

test.run();
