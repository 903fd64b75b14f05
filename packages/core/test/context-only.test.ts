// Context-only inputs: their objects join the index of a run, they get no result, and the same input
// object is parsed once however many runs it joins.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definePlugin, defineRule, Linter, type ConfigArray, type LintInput } from '../src/index.js';

const lonely = definePlugin({
  name: 'probe',
  rules: {
    unserved: defineRule({
      meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { unserved: 'no Service selects {{name}}' } },
      create: (context) => ({
        PodSpec(pod) {
          if (context.index.servicesSelecting(pod).length === 0) context.report({ node: pod.resource, messageId: 'unserved', data: { name: pod.resource.name ?? '' } });
        },
      }),
    }),
  },
});
const configs: ConfigArray = [{ plugins: { probe: lonely }, rules: { 'probe/unserved': 'error' } }];

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;
const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: ${app}}
  ports: [{port: 80}]
`;

test('a context-only Service changes the verdict on a linted Deployment and has no result of its own', () => {
  const linter = new Linter();
  const alone = linter.lint([{ filePath: 'deploy.yaml', text: deployment }], configs);
  assert.equal(alone.map((result) => [result.filePath, result.messages.map((message) => message.message)]), [['deploy.yaml', ['no Service selects web']]]);
  const together = linter.lint([{ filePath: 'deploy.yaml', text: deployment }, { filePath: 'svc.yaml', text: service('web'), contextOnly: true }], configs);
  assert.equal(together.map((result) => [result.filePath, result.messages.length]), [['deploy.yaml', 0]]);
});

test('the same context-only input object is parsed once; a new object with new text is parsed again', () => {
  let documentsParsed = 0;
  const linter = new Linter({ freezeValues: () => documentsParsed++ });
  const context: LintInput = { filePath: 'svc.yaml', text: service('web'), contextOnly: true };
  const lintWith = (input: LintInput) => linter.lint([{ filePath: 'deploy.yaml', text: deployment }, input], configs)[0]!.messages.length;
  // Two runs: the Deployment is parsed each time (it is linted), the Service once.
  assert.equal([lintWith(context), lintWith(context), documentsParsed], [0, 0, 3]);
  const changed: LintInput = { ...context, text: service('api') };
  assert.equal([lintWith(changed), documentsParsed], [1, 5]);
});

test('a context-only input that is not a manifest, or is binary, adds nothing and fails nothing', () => {
  const linter = new Linter();
  const results = linter.lint(
    [
      { filePath: 'deploy.yaml', text: deployment },
      { filePath: 'ci.yaml', text: 'on: push\n', contextOnly: true, skipUnlessManifest: true },
      { filePath: 'bin.yaml', bytes: new Uint8Array([0, 1, 2, 0]), contextOnly: true },
      { filePath: 'broken.yaml', text: 'kind: [\n', contextOnly: true },
    ],
    configs,
  );
  assert.equal(results.map((result) => [result.filePath, result.messages.map((message) => message.message)]), [['deploy.yaml', ['no Service selects web']]]);
});

test('a context file that cannot give an object is not parsed; one that can is, JSON included', () => {
  // A JSON schema of Kubernetes objects: `apiVersion` and `kind` are keys, their values schemas.
  const schema = JSON.stringify({ definitions: { 'io.k8s.api.core.v1.Service': { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } }, 'x-kubernetes-group-version-kind': [{ group: '', kind: 'Service', version: 'v1' }] } } }, null, 2);
  const lock = JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { 'node_modules/kind': { version: '1.0.0' } } }, null, 2);
  const asJson = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }, null, 2);
  const list = JSON.stringify({ kind: 'List', items: [JSON.parse(asJson)] });
  const cases: Array<[string, string, number]> = [
    ['schema.json', schema, 0],
    ['package-lock.json', lock, 0],
    ['kind-only.yaml', 'kind: Service\nmetadata: {name: web}\n', 0],
    ['service.json', asJson, 1],
    ['list.json', list, 1],
    ['one-line.json', asJson.replace(/\s+/g, ''), 1],
    ['service.yaml', service('web'), 1],
  ];
  const verdicts = cases.map(([filePath, text]) => {
    let documentsParsed = 0;
    const linter = new Linter({ freezeValues: () => documentsParsed++ });
    const messages = linter.lint([{ filePath: 'deploy.yaml', text: deployment }, { filePath, text, contextOnly: true, skipUnlessManifest: true }], configs)[0]!.messages.length;
    // The linted Deployment is one document; the context file's are the rest.
    return [filePath, documentsParsed - 1, messages === 0 ? 'served' : 'unserved'];
  });
  assert.equal(verdicts, cases.map(([filePath, , parsed]) => [filePath, parsed, parsed > 0 && filePath !== 'kind-only.yaml' ? 'served' : 'unserved']));
  // kustomize reads a kustomization file without `apiVersion`: it is parsed (it says what is applied together).
  let parsed = 0;
  new Linter({ freezeValues: () => parsed++ }).lint([{ filePath: 'deploy.yaml', text: deployment }, { filePath: 'kustomization.yaml', text: 'kind: Kustomization\nresources: [deploy.yaml]\n', contextOnly: true, skipUnlessManifest: true }], configs);
  assert.is(parsed, 2);
});

test.run();
