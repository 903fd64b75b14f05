import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { plainBlockEntry, plainScalarText } from '../src/plain-yaml.js';

/** A seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const WORDS = ['app', 'web', 'kubernetes.io/hostname', 'ScheduleAnyway', 'true', 'True', 'yes', 'no', 'on', 'null', 'Null', '~', 'x', 'a-b', 'a_b', 'v1', '1', '0x1F', '1e3', '.inf', '-', '?', 'a:b', 'a: b', 'a #b', 'a#b', ' a', 'a ', '', 'é', '---', '...', '@x', '*x', '!x', '%x', '`x', "'x", '"x', '[x]', '{x}', 'a,b', 'a\nb', 'sleep', 'name', '-x', 'x-'];
const pieces = ['a', 'B', '9', '.', '_', '/', '-', ':', ' ', '#', 'é', ',', '[', "'"];

// Words yaml prints plain, so that whole structures are rendered here too.
const PLAIN = ['5', '443', '0644', 'app', 'web', 'api', 'kubernetes.io/hostname', 'ScheduleAnyway', 'yes', 'v1', 'a-b', 'a_b', 'x', 'sleep', 'name', 'x-', 'a.b/c'];

function scalar(next: (n: number) => number): unknown {
  switch (next(12)) {
    case 9:
    case 10:
    case 11:
      return PLAIN[next(PLAIN.length)];
    case 0:
      return next(2) === 0;
    case 1:
      return null;
    case 2:
      return [0, 1, -1, 5, 443, 2 ** 53, -0, 1.5, 1e21, Number.NaN][next(10)];
    case 3:
      return Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join('');
    default:
      return WORDS[next(WORDS.length)];
  }
}

function value(next: (n: number) => number, depth: number): unknown {
  const shape = depth > 3 ? 0 : next(4);
  if (shape === 0 || shape === 1) return scalar(next);
  if (shape === 2) return Array.from({ length: next(4) }, () => value(next, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = next(4); i > 0; i--) out[String(scalar(next))] = value(next, depth + 1);
  return out;
}

test('plainBlockEntry prints what yaml prints, where it prints anything', () => {
  const next = random(23);
  let rendered = 0;
  for (let i = 0; i < 30_000; i++) {
    const key = String(scalar(next));
    const data = value(next, 0);
    const plain = plainBlockEntry(key, data);
    if (plain === undefined) continue;
    rendered++;
    assert.is(plain, stringify({ [key]: data }, { lineWidth: 0 }).replace(/\n$/, ''), JSON.stringify([key, data]));
  }
  // The generator reaches the shapes rendered here, not only the ones left to yaml.
  assert.ok(rendered > 3_000, `${rendered} rendered`);
});

test('plainBlockEntry: what rules suggest, and what is left to yaml', () => {
  const constraint = { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web', 'app.kubernetes.io/name': 'api' } } };
  assert.is(
    plainBlockEntry('topologySpreadConstraints', [constraint]),
    'topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: kubernetes.io/hostname\n    whenUnsatisfiable: ScheduleAnyway\n    labelSelector:\n      matchLabels:\n        app: web\n        app.kubernetes.io/name: api',
  );
  assert.is(plainBlockEntry('lifecycle', { preStop: { exec: { command: ['sleep', '5'] } } }), 'lifecycle:\n  preStop:\n    exec:\n      command:\n        - sleep\n        - "5"');
  assert.is(plainBlockEntry('a', {}), undefined);
  assert.is(plainBlockEntry('a', []), undefined);
  assert.is(plainBlockEntry('a', 'two words'), undefined);
  assert.is(plainBlockEntry('a', { b: undefined }), undefined);
  assert.is(plainBlockEntry('true', 1), undefined);
});

test('plainScalarText prints what yaml prints for a scalar, where it prints anything', () => {
  for (const word of [...WORDS, ...pieces]) {
    const plain = plainScalarText(word);
    if (plain !== undefined) assert.is(plain, stringify(word, { lineWidth: 0 }).replace(/\n$/, ''), word);
  }
  assert.is(plainScalarText('ClusterFirstWithHostNet'), 'ClusterFirstWithHostNet');
  assert.is(plainScalarText('networking.k8s.io/v1'), 'networking.k8s.io/v1');
  assert.is(plainScalarText('true'), undefined);
});

test.run();
