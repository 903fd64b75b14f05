// No silent wrong configuration (issue 18): a version YAML turned into a number, a version kubelore has
// no data for, and a config that turns every rule off are reported with the fix, not linted around.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project, SERVED_DEPLOYMENT } from './cli-helpers.js';

test('kubernetesVersion: 1.30 unquoted (the number 1.3) is a config error that says to quote it', () => {
  const dir = project({ 'kubelore.config.yaml': '- kubelore:recommended\n- settings:\n    kubernetesVersion: 1.30\n', 'api.yaml': SERVED_DEPLOYMENT });
  const run = kubelore(['api.yaml'], { cwd: dir });
  assert.is(run.status, 2);
  assert.is(run.stdout, '');
  assert.match(run.stderr, /kubernetesVersion" is the number 1\.3, not a version: an unquoted 1\.30 is read as 1\.3\. Quote it: kubernetesVersion: "1\.30"\./);
  const json = project({ 'kubelore.config.json': '[{"settings": {"kubernetesVersion": 1.31}}]', 'api.yaml': SERVED_DEPLOYMENT });
  assert.match(kubelore(['api.yaml'], { cwd: json }).stderr, /Quote it: kubernetesVersion: "1\.31"/);
});

test('a version outside the shipped data (1.14 to 1.36) is a config error naming the range', () => {
  const dir = project({ 'api.yaml': SERVED_DEPLOYMENT });
  for (const [version, nearest] of [['1.37', '1.36'], ['2.0', '1.36'], ['1.13', '1.14'], ['1.9', '1.14']]) {
    const run = kubelore(['--kubernetes-version', version!, 'api.yaml'], { cwd: dir });
    assert.is(run.status, 2, version);
    assert.match(run.stderr, new RegExp(`"${version!.replace('.', '\\.')}", outside the Kubernetes versions kubelore has data for \\(1\\.14 to 1\\.36\\)\\. Use a version in that range, such as "${nearest!.replace('.', '\\.')}"`));
  }
  for (const version of ['1.14', '1.36', 'v1.30', '1.30.2']) assert.is(kubelore(['--kubernetes-version', version, 'api.yaml'], { cwd: dir }).status, 1, `${version} is accepted`);
  assert.match(kubelore(['--kubernetes-version', 'latest', 'api.yaml'], { cwd: dir }).stderr, /must be a version in quotes such as "1\.30", not "latest"/);
});

test('a config that enables no rule warns on stderr', () => {
  const dir = project({ 'kubelore.config.yaml': '- rules: {}\n', 'api.yaml': SERVED_DEPLOYMENT });
  const run = kubelore(['api.yaml'], { cwd: dir });
  assert.is(run.status, 0);
  assert.match(run.stderr, /^kubelore: warning: the configuration \(kubelore\.config\.yaml\) enables no rule for the linted files, so nothing but unreadable input is reported\. Add "kubelore:recommended"/);
  const off = project({ 'kubelore.config.yaml': '- kubelore:recommended\n- files: ["**"]\n  rules: {termination/prestop-delay: "off"}\n', 'api.yaml': SERVED_DEPLOYMENT });
  assert.not.match(kubelore(['api.yaml'], { cwd: off }).stderr, /enables no rule/, 'a config with rules on stays quiet');
  assert.is(kubelore(['api.yaml'], { cwd: project({ 'api.yaml': SERVED_DEPLOYMENT }) }).stderr, '', 'the default preset stays quiet');
});

test.run();
