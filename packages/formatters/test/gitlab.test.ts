import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatGitlab } from '../src/index.js';
import { context, DEPLOYMENT, lint } from './sample.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

const GITLAB_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

test('one Code Quality issue per finding, with exactly the fields GitLab reads', () => {
  const issues = JSON.parse(formatGitlab(lint({ 'deploy/api.yaml': DEPLOYMENT, 'deploy/broken.yaml': 'kind: [oops\n' }), context())) as Issue[];
  assert.equal(
    issues.map((issue) => [issue.check_name, issue.severity, issue.location.path, issue.location.lines.begin, issue.description]),
    [
      ['demo/single-replica', 'minor', 'deploy/api.yaml', 7, 'Deployment "api" runs one replica.'],
      ['demo/latest-image', 'major', 'deploy/api.yaml', 12, 'Container "api" runs a ":latest" image.'],
      ['demo/latest-image', 'major', 'deploy/api.yaml', 14, 'Container "proxy" runs a ":latest" image.'],
      ['kubelore/parse-error', 'critical', 'deploy/broken.yaml', 2, 'YAML syntax error (BAD_INDENT) at line 2, column 1: a flow list (`[ … ]`) in a block is not indented past its key or not closed with `]`.'],
    ],
  );
  for (const issue of issues) {
    assert.equal(Object.keys(issue), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.equal(Object.keys(issue.location), ['path', 'lines']);
    assert.ok(GITLAB_SEVERITIES.includes(issue.severity));
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
  }
  assert.is(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'fingerprints are unique: GitLab drops repeats');
});

test('fingerprints survive lines moving above a finding, and differ between files', () => {
  const before = JSON.parse(formatGitlab(lint({ 'deploy/api.yaml': DEPLOYMENT }), context())) as Issue[];
  const after = JSON.parse(formatGitlab(lint({ 'deploy/api.yaml': `# a comment\n# another\n${DEPLOYMENT}` }), context())) as Issue[];
  assert.equal(after.map((issue) => issue.fingerprint), before.map((issue) => issue.fingerprint));
  assert.equal(after.map((issue) => issue.location.lines.begin), before.map((issue) => issue.location.lines.begin + 2));
  const copy = JSON.parse(formatGitlab(lint({ 'other/api.yaml': DEPLOYMENT }), context())) as Issue[];
  assert.not.equal(copy.map((issue) => issue.fingerprint), before.map((issue) => issue.fingerprint));
});

test('paths are relative to the repository root; no findings is an empty array', () => {
  const issues = JSON.parse(formatGitlab(lint({ '/repo/apps/api.yaml': DEPLOYMENT }), context({ cwd: '/repo/apps' }))) as Issue[];
  assert.ok(issues.every((issue) => issue.location.path === 'apps/api.yaml'));
  assert.is(formatGitlab([], context()), '[]\n');
});

test.run();
