// The language server driven by a real client over stdio: a child process per test, as an editor runs it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, FileChangeType, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, workspace } from './client.js';
import { DEPLOYMENT, HOST_POD, SERVICE, UNICODE_PDB } from './fixtures.js';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
const has = (code: string) => (params: { diagnostics: Diagnostic[] }) => params.diagnostics.some((diagnostic) => diagnostic.code === code);
const lacks = (code: string) => (params: { diagnostics: Diagnostic[] }) => !has(code)(params);

async function withServer(files: Record<string, string>, run: (client: TestClient, folder: ReturnType<typeof workspace>) => Promise<void>, settings?: Record<string, unknown>): Promise<void> {
  const folder = workspace(files);
  const client = await TestClient.start({ root: folder.root, settings });
  try {
    await run(client, folder);
  } finally {
    await client.stop();
    folder.remove();
  }
}

async function actionsAt(client: TestClient, uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  const answer = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}) } });
  return (answer ?? []) as CodeAction[];
}

function applied(text: string, uri: string, action: CodeAction): string {
  const edits = (action.edit?.changes?.[uri] ?? []) as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
}

test('diagnostics on open: severity, rule id as code, its docs page, exact 0-based range', async () => {
  await withServer({ 'app/host.yaml': HOST_POD }, async (client, folder) => {
    const uri = folder.uri('app/host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    const { diagnostics, version } = await published;
    assert.is(version, 1);
    assert.equal(
      diagnostics.map(({ code, severity, source, range, codeDescription }) => ({ code, severity, source, range, href: codeDescription?.href })),
      [
        ['credentials/host-network', 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-credentials/docs/rules/host-network.md'],
        ['dns/host-network-policy', 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-dns/docs/rules/host-network-policy.md'],
      ].map(([code, href]) => ({
        code,
        severity: 1,
        source: 'kubelore',
        // `hostNetwork: true`, line 7 column 16 to 20 in kubelore's 1-based count.
        range: { start: { line: 6, character: 15 }, end: { line: 6, character: 19 } },
        href,
      })),
    );
  });
});

test('UTF-16 columns: an emoji and CJK before the finding on the same line', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('pdb.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, UNICODE_PDB);
    const { diagnostics } = await published;
    const start = UNICODE_PDB.indexOf('"policy/v1beta1"');
    // Code points would put it two columns earlier (🚀 is two UTF-16 units); bytes much later.
    assert.is(start, [...UNICODE_PDB.slice(0, start)].length + 1);
    assert.equal(
      diagnostics.map(({ code, range }) => ({ code, range })),
      [{ code: 'schema/deprecated-api', range: { start: { line: 0, character: start }, end: { line: 0, character: start + '"policy/v1beta1"'.length } } }],
    );
  });
});

test("opening the Service in another file changes the Deployment's verdict, and editing it changes it back", async () => {
  await withServer({ 'app/deployment.yaml': DEPLOYMENT }, async (client, folder) => {
    const deployment = folder.uri('app/deployment.yaml');
    const service = folder.uri('app/service.yaml');
    const first = client.diagnostics(deployment);
    await client.open(deployment, DEPLOYMENT);
    assert.equal(codes((await first).diagnostics), []);
    const served = client.diagnostics(deployment, has('termination/prestop-delay'));
    await client.open(service, SERVICE);
    const verdict = (await served).diagnostics;
    assert.equal(codes(verdict), ['termination/prestop-delay', 'termination/readiness-probe']);
    assert.match(String(verdict[0]!.message), 'selected by Service web');
    const unserved = client.diagnostics(deployment, lacks('termination/prestop-delay'));
    await client.change(service, SERVICE.replace('selector: {app: web}', 'selector: {app: api}'));
    assert.equal(codes((await unserved).diagnostics), []);
  });
});

test('the workspace index: a Service on disk counts unopened, its deletion is seen, .gitignore is honoured', async () => {
  await withServer({ 'app/deployment.yaml': DEPLOYMENT, 'app/service.yaml': SERVICE, '.gitignore': 'ignored/\n', 'ignored/service.yaml': SERVICE }, async (client, folder) => {
    const deployment = folder.uri('app/deployment.yaml');
    const first = client.diagnostics(deployment);
    await client.open(deployment, DEPLOYMENT);
    assert.equal(codes((await first).diagnostics), ['termination/prestop-delay', 'termination/readiness-probe']);
    assert.ok(client.logs.some((line) => /^kubelore: indexed 2 files in \d+ ms/.test(line)), client.logs.join('\n'));
    folder.write('app/service.yaml', '# gone\n');
    const after = client.diagnostics(deployment, lacks('termination/prestop-delay'));
    await client.filesChanged([{ uri: folder.uri('app/service.yaml'), type: FileChangeType.Changed }]);
    assert.equal(codes((await after).diagnostics), []);
    // The ignored/ Service also selects the pods: had it been indexed, prestop-delay would still be there.
  });
});

test('a CRD in another file defines the kind of an open custom resource; a change to it on disk is seen', async () => {
  const crd = (kind: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: ${kind}, plural: widgets}\n  versions: [{name: v1, served: true, storage: true}]\n`;
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec: {size: 3}\n';
  await withServer({ 'crds/widget.yaml': crd('Widget'), 'app/widget.yaml': widget }, async (client, folder) => {
    const uri = folder.uri('app/widget.yaml');
    const first = client.diagnostics(uri);
    await client.open(uri, widget);
    assert.equal(codes((await first).diagnostics), []);
    folder.write('crds/widget.yaml', crd('Widgit'));
    const unknown = client.diagnostics(uri, has('schema/unknown-kind'));
    await client.filesChanged([{ uri: folder.uri('crds/widget.yaml'), type: FileChangeType.Changed }]);
    assert.match(String((await unknown).diagnostics[0]!.message), 'The CustomResourceDefinitions of group `example.com` in the linted files define `Widgit`, not `Widget`');
  });
});

test('a quick fix applied gives a document without the finding', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    const diagnostic = (await published).diagnostics.find((d) => d.code === 'dns/host-network-policy')!;
    const actions = await actionsAt(client, uri, diagnostic);
    const fix = actions.find((action) => action.title === 'Fix this dns/host-network-policy problem')!;
    assert.equal([fix.kind, fix.isPreferred, fix.diagnostics?.map((d) => d.code)], ['quickfix', true, ['dns/host-network-policy']]);
    const fixed = applied(HOST_POD, uri, fix);
    assert.is(fixed, HOST_POD.replace(/\}\}\n$/, '}}\n  dnsPolicy: ClusterFirstWithHostNet\n'));
    const after = client.diagnostics(uri, (params) => params.version === 2);
    await client.change(uri, fixed);
    assert.equal(codes((await after).diagnostics), ['credentials/host-network']);
  });
});

test('disable for this object (kubelore.dev/ignore annotation) and for this line (comment)', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    const diagnostics = (await published).diagnostics;
    const hostNetwork = diagnostics.find((d) => d.code === 'credentials/host-network')!;
    const actions = await actionsAt(client, uri, hostNetwork);
    // Both findings are on `hostNetwork: true`: the actions of each, in the order of the findings.
    assert.equal(
      actions.map((action) => action.title),
      [
        'Disable credentials/host-network for Pod agent (kubelore.dev/ignore annotation)',
        'Disable credentials/host-network for this line',
        'Fix this dns/host-network-policy problem',
        'Disable dns/host-network-policy for Pod agent (kubelore.dev/ignore annotation)',
        'Disable dns/host-network-policy for this line',
        'Fix all kubelore problems',
      ],
    );
    const byAnnotation = applied(HOST_POD, uri, actions[0]!);
    assert.is(byAnnotation, HOST_POD.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    kubelore.dev/ignore: credentials/host-network -- reason\n'));
    const annotated = client.diagnostics(uri, (params) => params.version === 2);
    await client.change(uri, byAnnotation);
    const left = (await annotated).diagnostics;
    assert.equal(codes(left), ['dns/host-network-policy']);
    const dns = (await actionsAt(client, uri, left[0]!)).find((action) => action.title === 'Disable dns/host-network-policy for this line')!;
    const byComment = applied(byAnnotation, uri, dns);
    assert.is(byComment, byAnnotation.replace('  hostNetwork: true\n', '  # kubelore-disable-next-line dns/host-network-policy -- reason\n  hostNetwork: true\n'));
    const commented = client.diagnostics(uri, (params) => params.version === 3);
    await client.change(uri, byComment);
    assert.equal(codes((await commented).diagnostics), []);
  });
});

test('fix all kubelore problems (source.fixAll.kubelore) on the document', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    const diagnostic = (await published).diagnostics[0]!;
    const actions = await actionsAt(client, uri, diagnostic, ['source.fixAll']);
    assert.equal(actions.map((action) => [action.title, action.kind]), [['Fix all kubelore problems', 'source.fixAll.kubelore']]);
    assert.is(applied(HOST_POD, uri, actions[0]!), HOST_POD.replace(/\}\}\n$/, '}}\n  dnsPolicy: ClusterFirstWithHostNet\n'));
  });
});

test("hover on a diagnostic's range explains its rule; elsewhere nothing", async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    await published;
    const on = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 17 } });
    const text = (on?.contents as MarkupContent).value;
    assert.is((on?.contents as MarkupContent).kind, 'markdown');
    assert.match(text, /^\*\*credentials\/host-network\*\*: Pod runs on the host network/);
    assert.match(text, '\n# credentials/host-network\n');
    assert.match(text, '**dns/host-network-policy**: The pod uses the host network');
    const off = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.is(off, null);
  });
});

test('a config file change and a settings change re-publish', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    assert.equal(codes((await published).diagnostics), ['credentials/host-network', 'dns/host-network-policy']);
    folder.write('kubelore.config.yaml', '- kubelore:recommended\n- rules:\n    credentials/host-network: "off"\n');
    const reconfigured = client.diagnostics(uri, lacks('credentials/host-network'));
    await client.filesChanged([{ uri: folder.uri('kubelore.config.yaml'), type: FileChangeType.Created }]);
    assert.equal(codes((await reconfigured).diagnostics), ['dns/host-network-policy']);
    const pdb = folder.uri('pdb.yaml');
    const schema = client.diagnostics(pdb);
    await client.open(pdb, UNICODE_PDB);
    assert.equal(codes((await schema).diagnostics), ['schema/deprecated-api']);
    const left = client.diagnostics(pdb, lacks('schema/deprecated-api'));
    await client.settingsChanged({ schemaDiagnostics: false });
    assert.equal(codes((await left).diagnostics), []);
    // kubernetesVersion: policy/v1beta1 was still served in 1.24.
    const older = client.diagnostics(pdb, (params) => params.diagnostics.some((diagnostic) => String(diagnostic.message).includes('replaces in Kubernetes 1.24')));
    await client.settingsChanged({ schemaDiagnostics: true, kubernetesVersion: '1.24' });
    assert.equal(codes((await older).diagnostics), ['schema/deprecated-api']);
  }, {});
});

test('a bad config is shown as a message and the server keeps going', async () => {
  await withServer({ 'kubelore.config.json': '{ not json' }, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    // `[]` is itself a config error now (a config that checks nothing); an entry with empty rules is not.
    folder.write('kubelore.config.json', '[{ "rules": {} }]');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    await client.filesChanged([{ uri: folder.uri('kubelore.config.json'), type: FileChangeType.Changed }]);
    // No rules, so no findings; the first message said what was wrong.
    assert.equal(codes((await published).diagnostics), []);
    assert.match(client.messages[0] ?? '', /^kubelore: Could not load config file .*kubelore\.config\.json/);
  });
});

test('bad input never takes the server down', async () => {
  await withServer({}, async (client, folder) => {
    const inputs = ['kind: [\n  {{ broken', '\u0000\u0001binary', `${'['.repeat(5000)}`, 'apiVersion: v1\nkind: Pod\nspec: {containers: 7}\n', 'kind: Pod\n', ''];
    for (const [index, text] of inputs.entries()) {
      const uri = folder.uri(`bad-${index}.yaml`);
      const published = client.diagnostics(uri);
      await client.open(uri, text);
      await published;
    }
    const nowhere = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: 'file:///nowhere.yaml' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.equal(nowhere, []);
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    assert.equal(codes((await published).diagnostics), ['credentials/host-network', 'dns/host-network-policy']);
  });
});

test('a flagged secret value is in no diagnostic, hover or code action', async () => {
  const secret = 'Zq8-hunter2-Xv7c';
  const pod = HOST_POD.replace('  hostNetwork: true\n', '').replace(/\}\}\n$/, `}}\n      env:\n        - name: DB_PASSWORD\n          value: "${secret}"\n`);
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('secret.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, pod);
    const { diagnostics } = await published;
    assert.equal(codes(diagnostics), ['credentials/plaintext-secret']);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostics[0]!.range.start });
    const actions = await actionsAt(client, uri, diagnostics[0]!);
    assert.equal(actions.map((action) => action.title), ['Disable credentials/plaintext-secret for Pod agent (kubelore.dev/ignore annotation)', 'Disable credentials/plaintext-secret for this line']);
    const fixAll = await actionsAt(client, uri, diagnostics[0]!, ['source.fixAll.kubelore']);
    for (const sent of [diagnostics, hover, actions, fixAll]) assert.not.ok(JSON.stringify(sent).includes('hunter2'), JSON.stringify(sent));
    assert.ok(JSON.stringify(hover).length > 100);
  });
});

test('a burst of edits is linted at most at its start and its end (debounce)', async () => {
  await withServer({}, async (client, folder) => {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    await published;
    const before = client.published.length;
    const last = client.diagnostics(uri, (params) => params.version === 6);
    for (let name = 1; name <= 5; name++) await client.change(uri, HOST_POD.replace('name: agent', `name: agent-${name}`));
    assert.equal(codes((await last).diagnostics), ['credentials/host-network', 'dns/host-network-policy']);
    const burst = client.published.slice(before).map((params) => params.version);
    assert.ok(burst.length <= 2 && burst[burst.length - 1] === 6, `published versions ${burst.join(', ')}`);
  }, { debounceMs: 2000 });
});

test('kubelore --lsp starts the same server', async () => {
  const folder = workspace({ 'host.yaml': HOST_POD });
  const client = await TestClient.start({ root: folder.root, viaCli: true });
  try {
    const uri = folder.uri('host.yaml');
    const published = client.diagnostics(uri);
    await client.open(uri, HOST_POD);
    assert.equal(codes((await published).diagnostics), ['credentials/host-network', 'dns/host-network-policy']);
  } finally {
    assert.is(await client.stop(), 0);
    folder.remove();
  }
});

test.run();
