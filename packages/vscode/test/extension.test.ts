// The extension's pieces that run outside VS Code: the content check, and the bundled server (one file
// with kubelore, its plugins' data and rule pages beside it) driven by the real LSP client.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient, workspace } from '../../language-server/test/client.js';
import { UNICODE_PDB } from '../../language-server/test/fixtures.js';
import { looksLikeKubernetes } from '../src/manifest-check.js';

const here = dirname(fileURLToPath(import.meta.url));

test('the content check: Kubernetes objects yes; other YAML with a kind, and Helm templates, no', () => {
  const verdicts = [
    'apiVersion: v1\nkind: Service\n',
    '- apiVersion: v1\n  kind: List\n',
    '{"apiVersion": "v1", "kind": "Pod"}',
    '"kind": x\n"apiVersion": y\n',
    'on: push\njobs: {}\n',
    'kind: cluster\nnodes: []\n',
    'services:\n  web: {image: nginx}\n',
    '# apiVersion: v1\n# kind: Pod\n',
  ].map((text) => looksLikeKubernetes(text));
  assert.equal(verdicts, [true, true, true, true, false, false, false, false]);
  assert.is(looksLikeKubernetes('apiVersion: v1\nkind: Service\nmetadata: {name: {{ .Release.Name }}}\n', '/chart/templates/svc.yaml'), false);
  assert.is(looksLikeKubernetes('apiVersion: v1\nkind: Service\n', '/chart/templates/svc.yaml'), true);
});

test('the bundled server runs on its own: schema data beside it, rule pages inline', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kubelore-vscode-'));
  const folder = workspace({});
  try {
    const bundled = spawnSync(process.execPath, [join(here, '../scripts/bundle.mjs'), '--out', out], { encoding: 'utf8' });
    assert.is(bundled.status, 0, bundled.stderr);
    const client = await TestClient.start({ root: folder.root, serverPath: join(out, 'dist/server.mjs') });
    try {
      const uri = folder.uri('pdb.yaml');
      const published = client.diagnostics(uri);
      await client.open(uri, UNICODE_PDB);
      const { diagnostics } = await published;
      assert.equal(diagnostics.map((diagnostic) => diagnostic.code), ['schema/deprecated-api']);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostics[0]!.range.start });
      assert.match((hover?.contents as MarkupContent).value, '\n# schema/deprecated-api\n');
    } finally {
      assert.is(await client.stop(), 0);
    }
  } finally {
    folder.remove();
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
