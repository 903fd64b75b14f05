import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eachMapping, listOf, mappingsOf } from '../src/index.js';

test('listOf gives a list as it is and anything else as an empty list', () => {
  const list = [1, null];
  assert.is(listOf(list), list);
  assert.equal([listOf({ a: 1 }), listOf('a'), listOf(null), listOf(undefined)], [[], [], [], []]);
});

test('eachMapping visits the mappings of a list with their indexes; null, strings and lists are skipped', () => {
  const seen: Array<[unknown, number]> = [];
  eachMapping<{ name: string }>([null, { name: 'a' }, 'b', [{ name: 'c' }], { name: 'd' }], (item, index) => seen.push([item.name, index]));
  assert.equal(seen, [['a', 1], ['d', 4]]);
  eachMapping({ name: 'x' }, () => assert.unreachable('a mapping is not a list'));
});

test('mappingsOf keeps only the mappings', () => {
  assert.equal(mappingsOf([{ a: 1 }, 2, null, { b: 2 }]), [{ a: 1 }, { b: 2 }]);
  assert.equal(mappingsOf('not a list'), []);
});

test.run();
