import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubelore, project, SERVED_DEPLOYMENT } from './cli-helpers.js';

// Twelve applications of two files each: the shards must cover them all, once, keeping folders whole.
const files: Record<string, string> = {};
for (let app = 0; app < 12; app++) {
  const manifest = SERVED_DEPLOYMENT.replace('name: api\n', `name: app${app}\n`);
  files[`apps/app${app}/deployment.yaml`] = manifest;
  files[`apps/app${app}/extra.yaml`] = manifest.replace(`name: app${app}\n`, `name: app${app}-extra\n`);
}
const dir = project(files);

function shardFiles(shard: string): string[] {
  const run = kubelore(['apps', '--shard', shard, '-f', 'json', '--no-error-on-unmatched-pattern'], { cwd: dir });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return JSON.parse(run.stdout).map((result: { filePath: string }) => result.filePath);
}

test('--shard i/n partitions the files: every file in exactly one shard, folders kept whole', () => {
  const shards = ['1/4', '2/4', '3/4', '4/4'].map(shardFiles);
  const all = shards.flat().sort();
  assert.equal(all, Object.keys(files).sort());
  assert.ok(shards.filter((list) => list.length > 0).length > 1, 'more than one shard gets files');
  for (const list of shards) {
    for (const path of list) assert.ok(list.includes(path.replace(/[^/]+$/, 'deployment.yaml')), `${path} is with its folder`);
  }
});

test('the partition is deterministic across runs, and 1/1 is the whole input', () => {
  assert.equal(shardFiles('2/3'), shardFiles('2/3'));
  assert.equal(shardFiles('1/1').sort(), Object.keys(files).sort());
});

test('a malformed --shard is a usage error', () => {
  for (const bad of ['0/4', '5/4', 'two', '1/0']) {
    const run = kubelore(['apps', '--shard', bad], { cwd: dir });
    assert.is(run.status, 2, bad);
    assert.match(run.stderr, /--shard must be "i\/n"/);
  }
});

test.run();
