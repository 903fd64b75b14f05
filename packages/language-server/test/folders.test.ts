// Multi-root workspaces: every folder is indexed, with its own config, and a document is judged against
// the folder that holds it; workspace/didChangeWorkspaceFolders adds and removes folders.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, workspace } from './client.js';
import { DEPLOYMENT, SERVICE } from './fixtures.js';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
const SERVED = ['termination/prestop-delay', 'termination/readiness-probe'];
const served = (params: { diagnostics: Diagnostic[] }) => codes(params.diagnostics).join() === SERVED.join();
const unserved = (params: { diagnostics: Diagnostic[] }) => params.diagnostics.length === 0;

test('every folder is indexed; each document is judged against its own folder', async () => {
  const withService = workspace({ 'app/deployment.yaml': DEPLOYMENT, 'app/service.yaml': SERVICE });
  const alone = workspace({ 'app/deployment.yaml': DEPLOYMENT, 'kubelore.config.yaml': '- rules:\n    termination/readiness-probe: off\n' });
  const client = await TestClient.start({ root: withService.root, folders: [alone.root] });
  try {
    const first = withService.uri('app/deployment.yaml');
    const second = alone.uri('app/deployment.yaml');
    const firstVerdict = client.diagnostics(first);
    await client.open(first, DEPLOYMENT);
    assert.equal(codes((await firstVerdict).diagnostics), SERVED);
    // The other folder's Service is not applied with this Deployment, and its config turns a rule off.
    const secondVerdict = client.diagnostics(second);
    await client.open(second, DEPLOYMENT);
    assert.equal(codes((await secondVerdict).diagnostics), []);
    assert.equal(client.logs.filter((line) => /^kubelore: indexed \d+ files/.test(line)).length, 2, client.logs.join('\n'));
    // An edit in one folder re-publishes its own documents, not the other folder's.
    const before = client.published.filter((params) => params.uri === second).length;
    const edited = client.diagnostics(first, (params) => params.version === 2);
    await client.change(first, DEPLOYMENT.replace('replicas: 1', 'replicas: 3'));
    await edited;
    assert.is(client.published.filter((params) => params.uri === second).length, before);
  } finally {
    await client.stop();
    withService.remove();
    alone.remove();
  }
});

test('didChangeWorkspaceFolders: a removed folder is forgotten, an added one indexed', async () => {
  const withService = workspace({ 'app/deployment.yaml': DEPLOYMENT, 'app/service.yaml': SERVICE });
  const other = workspace({ 'readme.yaml': 'kind: Note\n' });
  const client = await TestClient.start({ root: other.root });
  try {
    const uri = withService.uri('app/deployment.yaml');
    // Outside every folder: no index, so no Service.
    const outside = client.diagnostics(uri);
    await client.open(uri, DEPLOYMENT);
    assert.ok(unserved(await outside));
    const added = client.diagnostics(uri, served);
    await client.foldersChanged([withService.root], []);
    assert.ok(served(await added));
    const removed = client.diagnostics(uri, unserved);
    await client.foldersChanged([], [withService.root]);
    assert.ok(unserved(await removed));
  } finally {
    await client.stop();
    withService.remove();
    other.remove();
  }
});

test.run();
