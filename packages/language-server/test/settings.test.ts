import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_SETTINGS, readSettings } from '../src/settings.js';

test('settings: what the client sends is read; anything else keeps its default', () => {
  assert.equal(readSettings({ preset: 'strict', kubernetesVersion: ' 1.31 ', configPath: 'ci/kubelore.yaml', schemaDiagnostics: false, debounceMs: 0 }), {
    preset: 'strict',
    kubernetesVersion: '1.31',
    configPath: 'ci/kubelore.yaml',
    schemaDiagnostics: false,
    debounceMs: 0,
  });
  for (const raw of [undefined, null, 7, 'strict', [], { preset: 'everything', kubernetesVersion: '', configPath: 3, schemaDiagnostics: 'no', debounceMs: -1 }, { debounceMs: Number.NaN }, { debounceMs: 1e9 }]) {
    assert.equal(readSettings(raw), DEFAULT_SETTINGS, JSON.stringify(raw));
  }
});

test.run();
