import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { selectorMatches, serviceSelectorMatches } from '../src/selectors.js';

const labels = { app: 'api', tier: 'web' };

test('matchLabels must all hold', () => {
  assert.ok(selectorMatches({ matchLabels: { app: 'api' } }, labels));
  assert.not.ok(selectorMatches({ matchLabels: { app: 'api', tier: 'db' } }, labels));
});

test('matchExpressions operators', () => {
  assert.ok(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'edge'] }] }, labels));
  assert.not.ok(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels));
  assert.ok(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels));
  assert.ok(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels));
  assert.not.ok(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels));
  assert.not.ok(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels));
});

test('an empty selector matches everything, a missing one nothing', () => {
  assert.ok(selectorMatches({}, labels));
  assert.not.ok(selectorMatches(undefined, labels));
  assert.not.ok(selectorMatches(null, labels));
});

test('a Service selector is a map; empty selects nothing', () => {
  assert.ok(serviceSelectorMatches({ app: 'api' }, labels));
  assert.not.ok(serviceSelectorMatches({ app: 'db' }, labels));
  assert.not.ok(serviceSelectorMatches({}, labels));
  assert.not.ok(serviceSelectorMatches(undefined, labels));
});

test.run();
