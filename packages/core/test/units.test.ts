import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDuration, parseQuantity } from '../src/units.js';

test('quantities', () => {
  assert.is(parseQuantity('500m'), 0.5);
  assert.is(parseQuantity('2'), 2);
  assert.is(parseQuantity(2), 2);
  assert.is(parseQuantity('1Gi'), 1073741824);
  assert.is(parseQuantity('128974848'), 128974848);
  assert.is(parseQuantity('129M'), 129e6);
  assert.is(parseQuantity('1e3'), 1000);
  assert.is(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
  assert.is(parseQuantity('ten'), undefined);
  assert.is(parseQuantity('1GB'), undefined);
});

test('Go durations', () => {
  assert.is(parseDuration('15m'), 900);
  assert.is(parseDuration('1h30m'), 5400);
  assert.is(parseDuration('900s'), 900);
  assert.is(parseDuration('1.5h'), 5400);
  assert.is(parseDuration('0'), 0);
  assert.is(parseDuration('15'), undefined);
  assert.is(parseDuration('m'), undefined);
});

test.run();
