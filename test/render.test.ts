// Kustomize overlays and Helm charts as inputs: rendered with the real tools, findings on the files
// people edit. Kustomize tests run the real `kustomize build` or `kubectl kustomize` (skipped, saying
// so, when neither is on PATH). Helm cannot run here: its tests put a stand-in `helm` on PATH that
// prints `helm template` output checked in from a public chart (test/fixtures/helm/README.md).
import { chmodSync, copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { definePlugin, defineRule, joinPointer, REDACTED, type LintResult } from '../packages/core/dist/index.js';
import { Kubelore } from '../packages/cli/dist/index.js';
import { findExecutable, maskData, toolMessage } from '../packages/cli/dist/render/tool.js';
import { helmTemplateArgs, templateLocation } from '../packages/cli/dist/render/helm.js';
import { kubelore, project, ROOT, SERVED_DEPLOYMENT } from './cli-helpers.js';

const KUSTOMIZE = join(ROOT, 'test/fixtures/kustomize');
const HELM = join(ROOT, 'test/fixtures/helm');
const hasKustomize = Boolean(findExecutable('kustomize') ?? findExecutable('kubectl'));
const onPosix = process.platform !== 'win32';

function kustomizeTest(name: string, body: () => void | Promise<void>) {
  if (hasKustomize) test(name, body);
  else test(name, () => console.log(`  skipped: neither kustomize nor kubectl is on PATH ("${name}")`));
}

type Row = [string, number, number, string | null];

function rows(results: LintResult[]): Row[] {
  return results.flatMap((result) => result.messages.map((m): Row => [result.filePath, m.line, m.column, m.ruleId]));
}

function json(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const run = kubelore([...args, '-f', 'json'], { cwd: KUSTOMIZE, ...options });
  let results: LintResult[] = [];
  try {
    results = JSON.parse(run.stdout);
  } catch {
    assert.unreachable(`not JSON (exit ${run.status}): ${run.stdout}${run.stderr}`);
  }
  return { ...run, results };
}

kustomizeTest('kubelore overlays/prod: a missing preStop on the base at the container, a limit a patch sets on the patch', () => {
  const run = kubelore(['overlays/prod'], { cwd: KUSTOMIZE });
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stdout, /base\/deployment\.yaml\n(?:.*\n)*? {2}14:11 {2}error {4}Container "api" receives traffic .* termination\/prestop-delay/);
  assert.match(run.stdout, /overlays\/prod\/resources\.yaml\n {2}12:23 {2}error {4}Container "api" has a memory limit \(128Mi\) below its request \(256Mi\).* scheduling\/resource-limits/);
  const { results } = json(['overlays/prod']);
  assert.equal(rows(results), [
    ['base/deployment.yaml', 12, 5, 'scheduling/spread-replicas'],
    ['base/deployment.yaml', 14, 11, 'termination/prestop-delay'],
    // The secretGenerator's literal: generated objects are reported at their generator entry.
    ['overlays/prod/kustomization.yaml', 22, 9, 'credentials/plaintext-secret'],
    ['overlays/prod/resources.yaml', 12, 23, 'scheduling/resource-limits'],
  ]);
  const prestop = results[0]!.messages[1]!;
  assert.equal(prestop.resource, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'api', document: 0 }, 'the object as rendered; the document in the file shown');
  assert.is(prestop.path, '/spec/template/spec/containers/0/lifecycle/preStop');
  assert.equal(prestop.fix, null, 'no fixes: their edits were on the rendered text');
});

kustomizeTest('a JSON 6902 patch in a file: the finding is on the operation, at the field its value sets', () => {
  const { results, status } = json(['overlays/staging']);
  assert.is(status, 1);
  assert.equal(rows(results), [
    ['base/deployment.yaml', 12, 5, 'scheduling/spread-replicas'],
    ['base/deployment.yaml', 14, 11, 'termination/prestop-delay'],
    ['overlays/staging/memory-limit.yaml', 5, 13, 'scheduling/resource-limits'],
  ]);
});

kustomizeTest('a nested overlay: the base and the inner overlay\'s patch are where its findings go', () => {
  const { results } = json(['overlays/prod-eu']);
  assert.equal(rows(results), [
    ['base/deployment.yaml', 12, 5, 'scheduling/spread-replicas'],
    ['base/deployment.yaml', 14, 11, 'termination/prestop-delay'],
    ['overlays/prod/kustomization.yaml', 22, 9, 'credentials/plaintext-secret'],
    ['overlays/prod/resources.yaml', 12, 23, 'scheduling/resource-limits'],
  ]);
  assert.is(results[0]!.messages[1]!.resource!.name, 'eu-api', 'namePrefix of the outer overlay');
});

// A rule that reports, on every object, each pointer it is given that the object holds, and any origin
// annotation it sees: the mapping of fields to files, one field at a time.
const probe = definePlugin({
  name: 'probe',
  rules: {
    at: defineRule({
      meta: {
        type: 'problem',
        docs: { description: 'reports the fields it is given', story: 'a test', recommended: false },
        messages: { at: '{{kind}} {{pointer}}' },
        schema: { type: 'object', properties: { pointers: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
        defaultOptions: { pointers: [] },
      },
      create(context) {
        return {
          '*'(resource) {
            for (const pointer of context.options.pointers as string[]) {
              const [kind, path] = pointer.split(' ') as [string, string];
              if (kind === resource.kind) context.report({ node: resource, pointer: joinPointer(resource.pointer) + path, messageId: 'at', data: { kind, pointer: path } });
            }
          },
        };
      },
    }),
    origin: defineRule({
      meta: { type: 'problem', docs: { description: 'origin annotations are seen', story: 'a test', recommended: false }, messages: { seen: 'saw {{key}}' } },
      create(context) {
        return {
          '*'(resource) {
            for (const key of Object.keys(resource.metadata.annotations ?? {})) if (key.startsWith('config.kubernetes.io/')) context.report({ node: resource, messageId: 'seen', data: { key } });
          },
        };
      },
    }),
  },
});

async function probeRun(target: string, pointers: string[]): Promise<Array<[string, number, number, string]>> {
  const linter = new Kubelore({
    cwd: KUSTOMIZE,
    configLookup: false,
    plugins: { probe },
    overrideConfig: { rules: { 'probe/at': ['error', { pointers }], 'probe/origin': 'error' } },
  });
  const results = await linter.lintFiles([target]);
  return results.flatMap((result) => result.messages.filter((m) => m.ruleId?.startsWith('probe/')).map((m): [string, number, number, string] => [result.filePath, m.line, m.column, m.message]));
}

kustomizeTest('fields map to the file and line that set them: base, strategic merge, inline JSON 6902, generators', async () => {
  const found = await probeRun('overlays/prod', [
    'Deployment /spec/replicas',
    'Deployment /spec/template/spec/containers/0/ports/0/containerPort',
    'Deployment /spec/template/spec/containers/0/resources/requests/memory',
    'Deployment /spec/template/spec/containers/0/resources/limits/memory',
    'Deployment /metadata/namespace',
    'ConfigMap /data/LOG_LEVEL',
    'Service /spec/ports/0/port',
  ]);
  assert.equal(found, [
    // namespace: set by the overlay's namespace transformer, which is not traced: the base's metadata.
    ['base/deployment.yaml', 3, 1, 'Deployment /metadata/namespace'],
    ['base/deployment.yaml', 16, 35, 'Deployment /spec/template/spec/containers/0/ports/0/containerPort'],
    ['base/deployment.yaml', 19, 43, 'Deployment /spec/template/spec/containers/0/resources/requests/memory'],
    ['base/service.yaml', 7, 18, 'Service /spec/ports/0/port'],
    ['overlays/prod/kustomization.yaml', 13, 15, 'Deployment /spec/replicas'],
    ['overlays/prod/kustomization.yaml', 18, 9, 'ConfigMap /data/LOG_LEVEL'],
    ['overlays/prod/resources.yaml', 12, 23, 'Deployment /spec/template/spec/containers/0/resources/limits/memory'],
  ]);
  const nested = await probeRun('overlays/prod-eu', ['Deployment /spec/template/spec/containers/0/image', 'Deployment /spec/replicas']);
  assert.equal(nested, [
    ['overlays/prod-eu/kustomization.yaml', 17, 24, 'Deployment /spec/template/spec/containers/0/image'],
    ['overlays/prod/kustomization.yaml', 13, 15, 'Deployment /spec/replicas'],
  ]);
});

kustomizeTest('walking a tree renders the outermost overlays only; settings.kustomize.lintBases renders bases too', async () => {
  const walked = json(['.', '--rule', 'scheduling/resource-limits: [error, {memory: true}]']);
  const files = [...new Set(rows(walked.results).map((row) => row[0]))];
  assert.equal(files, ['base/deployment.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/resources.yaml', 'overlays/staging/memory-limit.yaml']);
  const noLimit = (results: LintResult[]) => results.flatMap((r) => r.messages.filter((m) => /has no memory limit/.test(m.message)).map((m) => [r.filePath, m.line, m.column, m.resource?.namespace]));
  assert.equal(noLimit(walked.results), [], 'prod and staging set limits; the base alone is not linted');
  // The memory limit is asked for with resource-limits' memory option (on in strict).
  const withBases = await new Kubelore({
    cwd: KUSTOMIZE,
    configLookup: false,
    overrideConfig: { settings: { kustomize: { lintBases: true } }, rules: { 'scheduling/resource-limits': ['error', { memory: true }] } },
  }).lintFiles(['.']);
  assert.equal(noLimit(withBases), [['base/deployment.yaml', 18, 11, 'default']]);
});

kustomizeTest('a folder whose kustomization the config ignores is not rendered, even when named', async () => {
  const linter = new Kubelore({ cwd: KUSTOMIZE, configLookup: false, errorOnUnmatchedPattern: false, overrideConfig: [{ ignores: ['overlays/staging/**'] }] });
  const results = await linter.lintFiles(['overlays/staging', 'overlays/prod']);
  assert.equal(rows(results).map((row) => row[0]), ['base/deployment.yaml', 'base/deployment.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/resources.yaml']);
});

kustomizeTest('--no-render lints the folder as plain files, as before', () => {
  const { results } = json(['overlays/prod', '--no-render']);
  assert.equal([...new Set(results.map((r) => r.filePath))], ['overlays/prod/kustomization.yaml', 'overlays/prod/resources.yaml']);
  assert.not.ok(rows(results).some((row) => row[0].startsWith('base/')));
});

kustomizeTest('a broken kustomization is a finding on it with the tool\'s first line; the rest of the run goes on', () => {
  const dir = project({
    'broken/kustomization.yaml': 'resources:\n  - missing.yaml\n',
    'invalid/kustomization.yaml': 'resources: [a.yaml\n',
    'plain/api.yaml': SERVED_DEPLOYMENT,
  });
  const { results, status, stderr } = json(['.'], { cwd: dir });
  assert.is(status, 1, stderr);
  assert.equal(rows(results), [
    ['broken/kustomization.yaml', 1, 1, 'kubelore/render-error'],
    ['invalid/kustomization.yaml', 1, 1, 'kubelore/render-error'],
    ['plain/api.yaml', 14, 11, 'termination/prestop-delay'],
  ]);
  const [broken, invalid] = results.map((r) => r.messages[0]!.message);
  assert.match(broken!, /^kubectl kustomize failed: accumulating resources: .*'broken\/missing\.yaml'|^kustomize build failed: /);
  assert.not.match(broken!, /kubelore-kustomize-|\/tmp\//, 'no temporary paths');
  assert.match(invalid!, /invalid Kustomization: yaml: line 1: did not find expected ',' or ']'$/);
});

kustomizeTest('a failing patch of a Secret: the message names the failure, never the data', () => {
  const dir = project({
    'app/kustomization.yaml': 'resources: [secret.yaml]\npatches:\n  - patch: "data: {password: c2VjcmV0LXBhc3N3b3JkLTEyMzQ1Ng==}"\n',
    'app/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: c2VjcmV0LXBhc3N3b3JkLTEyMzQ1Ng==}\n',
  });
  const run = kubelore(['app'], { cwd: dir });
  assert.is(run.status, 1);
  assert.match(run.stdout, /app\/kustomization\.yaml\n {2}1:1 {2}error {4}.*failed: .*unable to parse SM or JSON patch.*kubelore\/render-error/);
  assert.not.match(run.stdout + run.stderr, /c2VjcmV0LXBhc3N3b3JkLTEyMzQ1Ng|secret-password/);
});

kustomizeTest('rendered Secrets are masked, origin annotations never reach rules', async () => {
  const run = kubelore(['overlays/prod', '-f', 'json'], { cwd: KUSTOMIZE });
  assert.not.match(run.stdout, /correct-horse|Y29ycmVjdC1ob3JzZS/);
  assert.equal(await probeRun('overlays/prod', []), []);
});

kustomizeTest('the pre-commit hook docs/integrations.md shows for kustomize repositories lints the overlays', () => {
  const docs = readFileSync(join(ROOT, 'docs/integrations.md'), 'utf8');
  const section = docs.slice(docs.indexOf('### pre-commit in a kustomize or Helm repository'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the documented hook');
  const hook = parse(block!).repos[0].hooks[0];
  assert.equal([hook.id, hook.pass_filenames], ['kubelore', false]);
  const defined = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')).find((h: { id: string }) => h.id === hook.id);
  const entry = defined.entry.split(' ').slice(1); // after the `kubelore` bin
  const dir = project({});
  cpSync(KUSTOMIZE, join(dir, 'deploy'), { recursive: true });
  cpSync(join(HELM, 'opentelemetry-ebpf'), join(dir, 'charts/opentelemetry-ebpf'), { recursive: true });
  // pre-commit runs `entry args...` (no file names): the entry is the kubelore bin here.
  const run = kubelore([...entry, ...hook.args, '-f', 'json'], { cwd: dir });
  const found = rows(JSON.parse(run.stdout) as LintResult[]);
  assert.ok(found.some((row) => row[0] === 'deploy/base/deployment.yaml' && row[1] === 14 && row[3] === 'termination/prestop-delay'), JSON.stringify(found));
  assert.ok(found.some((row) => row[0] === 'deploy/overlays/prod/resources.yaml' && row[1] === 12 && row[3] === 'scheduling/resource-limits'));
});

kustomizeTest('every file a render reads has a result, findings or not (JSON, SARIF and JUnit list the files that passed)', () => {
  const { results } = json(['overlays/prod']);
  assert.equal(
    results.map((result) => [result.filePath, result.messages.length]),
    [
      ['base/deployment.yaml', 2],
      ['base/kustomization.yaml', 0],
      ['base/service.yaml', 0],
      ['overlays/prod/kustomization.yaml', 1],
      ['overlays/prod/resources.yaml', 1],
    ],
  );
  const junit = kubelore(['overlays/prod', '-f', 'junit'], { cwd: KUSTOMIZE });
  assert.match(junit.stdout, /<testsuite name="base\/service\.yaml" tests="\d+" failures="0"/);
});

test('a remote base is a finding that it was not rendered; nothing is fetched', () => {
  const dir = project({ 'app/kustomization.yaml': 'resources:\n  - ./local.yaml\n  - https://github.com/acme/base//deploy?ref=v1.0.0\n', 'app/local.yaml': SERVED_DEPLOYMENT });
  // No kustomize on PATH at all: the remote entry is found before any tool is looked for.
  const { results, status } = json(['app'], { cwd: dir, env: { PATH: '/nonexistent' } });
  assert.is(status, 0);
  assert.equal(rows(results), [['app/kustomization.yaml', 3, 5, 'kubelore/not-rendered']]);
  assert.match(results[0]!.messages[0]!.message, /^"https:\/\/github\.com\/acme\/base\/\/deploy\?ref=v1\.0\.0" is a remote resource: kubelore does not fetch it/);
});

test('kubectl and kustomize both absent: one finding on the kustomization; --no-render lints it as before', () => {
  const dir = project({ 'app/kustomization.yaml': 'resources: [api.yaml]\n', 'app/api.yaml': SERVED_DEPLOYMENT });
  const { results } = json(['app'], { cwd: dir, env: { PATH: '/nonexistent' } });
  assert.equal(rows(results), [['app/kustomization.yaml', 1, 1, 'kubelore/not-rendered']]);
  assert.equal(rows(json(['app', '--no-render'], { cwd: dir, env: { PATH: '/nonexistent' } }).results), [['app/api.yaml', 14, 11, 'termination/prestop-delay']]);
});

// A stand-in for helm: records its arguments and prints the checked-in `helm template` output.
function fakeHelm(): { bin: string; argsFile: string } {
  const bin = project({});
  const argsFile = join(bin, 'args');
  const rendered = join(HELM, 'opentelemetry-ebpf/examples/cloud-collector/rendered');
  writeFileSync(join(bin, 'helm'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\ncat '${join(rendered, 'reducer-service.yaml')}' '${join(rendered, 'reducer-deployment.yaml')}'\n`);
  chmodSync(join(bin, 'helm'), 0o755);
  return { bin, argsFile };
}

function helmTest(name: string, body: () => void) {
  if (onPosix) test(name, body);
  else test(name, () => console.log(`  skipped: the stand-in helm is a POSIX shell script ("${name}")`));
}

helmTest('a Helm chart: findings on its template, at the line of the key (helm template output checked in)', () => {
  const dir = project({});
  cpSync(join(HELM, 'opentelemetry-ebpf'), join(dir, 'opentelemetry-ebpf'), { recursive: true });
  writeFileSync(join(dir, 'kubelore.config.yaml'), '- kubelore:recommended\n- settings:\n    helm:\n      releaseName: example\n      namespace: default\n      values: [examples/cloud-collector/values.yaml]\n      set: {reducer.ingestShards: 1}\n');
  const { bin, argsFile } = fakeHelm();
  const { results, status, stderr } = json(['opentelemetry-ebpf'], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH}` } });
  assert.is(status, 1, stderr);
  assert.equal(rows(results), [
    ['opentelemetry-ebpf/templates/reducer-deployment.yaml', 28, 11, 'termination/prestop-delay'],
    ['opentelemetry-ebpf/templates/reducer-deployment.yaml', 102, 11, 'scheduling/resource-requests'],
  ]);
  assert.equal(readFileSync(argsFile, 'utf8').trim().split('\n'), [
    'template', 'example', join(dir, 'opentelemetry-ebpf'), '--namespace', 'default',
    '--values', join(dir, 'opentelemetry-ebpf/examples/cloud-collector/values.yaml'), '--set', 'reducer.ingestShards=1',
  ]);
});

helmTest('helm absent: one warning on Chart.yaml saying how to render it; the rest of the run goes on', () => {
  const dir = project({ 'plain/api.yaml': SERVED_DEPLOYMENT });
  cpSync(join(HELM, 'opentelemetry-ebpf'), join(dir, 'chart'), { recursive: true });
  const { results, status } = json(['.'], { cwd: dir, env: { PATH: '/nonexistent' } });
  assert.is(status, 1, 'the plain file\'s error');
  assert.equal(rows(results), [
    ['chart/Chart.yaml', 1, 1, 'kubelore/not-rendered'],
    ['plain/api.yaml', 14, 11, 'termination/prestop-delay'],
  ]);
  assert.match(results[0]!.messages[0]!.message, /^Helm chart not rendered: `helm` is not on PATH.*helm template <release> <chart> \| kubelore/);
  assert.is(results[0]!.messages[0]!.severity, 1);
  const plain = json(['.', '--no-render'], { cwd: dir, env: { PATH: '/nonexistent' } });
  assert.ok(rows(plain.results).some((row) => row[0] === 'chart/templates/reducer-deployment.yaml' && row[3] === 'kubelore/unrendered-template'), 'today\'s behaviour: templates are not YAML');
});

helmTest('helm failing: its first line, on Chart.yaml', () => {
  const dir = project({});
  copyFileSync(join(HELM, 'opentelemetry-ebpf/Chart.yaml'), join(dir, 'Chart.yaml'));
  const bin = project({ helm: '#!/bin/sh\necho "Error: template: x/templates/s.yaml:3:9: executing \\"x\\" at <.Values.a>: nil pointer evaluating interface {}.b" >&2\necho "password: c2VjcmV0LXBhc3N3b3JkLTEyMzQ1Ng==" >&2\nexit 1\n' });
  chmodSync(join(bin, 'helm'), 0o755);
  const { results } = json(['.'], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(rows(results), [['Chart.yaml', 1, 1, 'kubelore/render-error']]);
  assert.is(results[0]!.messages[0]!.message, 'helm template failed: template: x/templates/s.yaml:3:9: executing "x" at <.Values.a>: nil pointer evaluating interface {}.b');
});

test('template lines: the object\'s part, then each key deeper than the last; list items by name', () => {
  const template = [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', '---', '{{- if .Values.on }}', 'apiVersion: apps/v1', 'kind: Deployment',
    'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: sidecar',
    '          image: x', '        - name: {{ .Values.name }}', '          image: y', '          {{- with .Values.resources }}', '          resources:',
    '            {{- toYaml . | nindent 12 }}', '          {{- end }}', '{{- end }}',
  ].join('\n');
  const rendered = { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'sidecar' }, { name: 'main', resources: { limits: {} } }] } } } };
  assert.equal(templateLocation(template, 0, rendered, ''), { line: 6, column: 1, endColumn: 1 });
  assert.equal(templateLocation(template, 0, rendered, '/spec/template/spec/containers/0/image'), { line: 15, column: 11, endColumn: 16 });
  assert.equal(templateLocation(template, 0, rendered, '/spec/template/spec/containers/1/resources/limits/memory'), { line: 19, column: 11, endColumn: 20 });
  assert.equal(templateLocation(template, 0, rendered, '/spec/replicas'), { line: 10, column: 1, endColumn: 5 }, 'not in the template: its parent');
});

test('helm template arguments from settings.helm', () => {
  assert.equal(helmTemplateArgs('/c', { values: ['a.yaml'], set: ['x=1', 'y=2'], kubeVersion: '1.30' }), ['template', '/c', '--kube-version', '1.30', '--values', '/c/a.yaml', '--set', 'x=1', '--set', 'y=2']);
});

test('tool messages: klog prefix off, multi-line blocks by first and last line, data masked', () => {
  const klog = 'E1201 10:02:17.804101   31411 run.go:72] "command failed" err=<\n\ttrouble configuring builtin PatchTransformer with config: `\n\tpatch: \'data: {password: c2VjcmV0c2VjcmV0c2VjcmV0MTIz}\'\n\t`: unable to parse SM or JSON patch from [patch: "data: {password: c2VjcmV0c2VjcmV0c2VjcmV0MTIz}"]\n >\n';
  assert.is(toolMessage(klog), `trouble configuring builtin PatchTransformer with config: \` … \`: unable to parse SM or JSON patch from [${REDACTED}]`);
  assert.is(toolMessage('E1201 09:55:52.143799   19853 run.go:72] "command failed" err="no resource matches strategic merge patch \\"Secret.v1.[noGrp]/nope.[noNs]\\""'), 'no resource matches strategic merge patch "Secret.v1.[noGrp]/nope.[noNs]"');
  assert.is(maskData('bad value data: hunter2 here'), `bad value data: ${REDACTED}`);
  assert.is(maskData('token ghp_abcdefghij0123456789abcd leaked; name opentelemetry-collector-reducer kept'), `token ${REDACTED} leaked; name opentelemetry-collector-reducer kept`);
});

test.run();
