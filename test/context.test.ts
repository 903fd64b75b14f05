// Files named on the command line (pre-commit, `git diff --name-only | xargs kubelore`) are linted with
// the other manifests of their folders as context (issue 18): cross-object rules see them, only the
// named files are reported on. `--context` adds more, `--no-context` turns it off.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HEADLESS_SERVICE, kubelore, project, servedDeployment, STATEFULSET as PORTLESS } from './cli-helpers.js';

// A database that clients reach by its pods' names: with no port, a missing governing Service is strict-only.
const STATEFULSET = PORTLESS.replace('          resources:', '          ports: [{containerPort: 5432}]\n          resources:');

// A broken neighbour: it must never be reported when it is only context.
const BROKEN_NEIGHBOUR = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: other
spec:
  replicas: 3
  selector:
    matchLabels: {app: other}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers: [{name: other, image: nginx}]
`;

// Only the rules under test, so that the fixtures need not satisfy every other rule.
const CONFIG = { 'only.yaml': '- rules:\n    references/statefulset-service: error\n    scheduling/spread-replicas: error\n    references/duplicate: error\n' };
const RULES = ['-c', 'only.yaml'];

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string }>;
}

function lint(args: string[], cwd: string): { status: number | null; results: Result[]; stderr: string } {
  const run = kubelore([...args, '-f', 'json'], { cwd });
  return { status: run.status, results: run.stdout ? (JSON.parse(run.stdout) as Result[]) : [], stderr: run.stderr };
}

const ruleIds = (results: Result[]) => results.flatMap((result) => result.messages.map((message) => `${result.filePath} ${message.ruleId}`));

test('a named file is judged with the manifests of its folder as context, and only it is reported', () => {
  const dir = project({ ...CONFIG, 'db/statefulset.yaml': STATEFULSET, 'db/service.yaml': HEADLESS_SERVICE, 'db/other.yaml': BROKEN_NEIGHBOUR, 'db/broken.yaml': 'a: [' });
  const run = lint([...RULES, 'db/statefulset.yaml'], dir);
  assert.is(run.status, 0, run.stderr);
  assert.equal(run.results.map((result) => result.filePath), ['db/statefulset.yaml'], 'context files get no result, not even the unreadable one');
  assert.equal(ruleIds(run.results), []);
});

test('--no-context judges the named file alone', () => {
  const dir = project({ ...CONFIG, 'db/statefulset.yaml': STATEFULSET, 'db/service.yaml': HEADLESS_SERVICE });
  const run = lint([...RULES, '--no-context', 'db/statefulset.yaml'], dir);
  assert.is(run.status, 1, run.stderr);
  assert.equal(ruleIds(run.results), ['db/statefulset.yaml references/statefulset-service']);
});

test('context is the folder only (as kubectl apply -f dir), not sub-folders or sibling folders', () => {
  const dir = project({ ...CONFIG, 'apps/db/statefulset.yaml': STATEFULSET, 'apps/db/services/service.yaml': HEADLESS_SERVICE, 'shared/service.yaml': HEADLESS_SERVICE });
  assert.equal(ruleIds(lint([...RULES, 'apps/db/statefulset.yaml'], dir).results), ['apps/db/statefulset.yaml references/statefulset-service']);
});

test('--context adds files, folders or globs (a whole repository) as context', () => {
  const dir = project({ ...CONFIG, 'apps/db/statefulset.yaml': STATEFULSET, 'shared/service.yaml': HEADLESS_SERVICE });
  for (const pattern of ['shared', 'shared/service.yaml', 'shared/*.yaml', '.']) {
    const run = lint([...RULES, '--context', pattern, 'apps/db/statefulset.yaml'], dir);
    assert.is(run.status, 0, `--context ${pattern}: ${JSON.stringify(run.results)} ${run.stderr}`);
    assert.equal(run.results.map((result) => result.filePath), ['apps/db/statefulset.yaml'], `--context ${pattern}: only the named file is reported`);
  }
  const both = kubelore([...RULES, '--context', 'shared', '--no-context', 'apps/db/statefulset.yaml'], { cwd: dir });
  assert.is(both.status, 2);
  assert.match(both.stderr, /--context and --no-context cannot be used together/);
});

test('an object duplicated by a neighbour is still found, as when the folder is linted', () => {
  // A differing copy beside other objects: an identical copy is no conflict, and two files that are
  // only the same object are two variants of it (references/duplicate).
  const copy = `${HEADLESS_SERVICE.replace('{port: 5432}', '{port: 5433}')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: db-settings}\ndata: {a: "1"}\n`;
  const dir = project({ ...CONFIG, 'db/a.yaml': HEADLESS_SERVICE, 'db/b.yaml': copy });
  const folder = lint([...RULES, 'db'], dir);
  const named = lint([...RULES, 'db/b.yaml'], dir);
  assert.equal(ruleIds(named.results), ruleIds(folder.results));
  assert.equal(ruleIds(named.results), ['db/b.yaml references/duplicate']);
});

test('--skip-non-manifests: named YAML that holds no object is skipped; without it, it is reported', () => {
  const files = { ...CONFIG, '.pre-commit-config.yaml': 'repos:\n  - repo: local\n    hooks: []\n', 'compose.yaml': 'services:\n  web: {image: nginx}\n', 'db/service.yaml': HEADLESS_SERVICE };
  const dir = project(files);
  const named = ['.pre-commit-config.yaml', 'compose.yaml', 'db/service.yaml'];
  const skipped = lint([...RULES, '--skip-non-manifests', ...named], dir);
  assert.is(skipped.status, 0, skipped.stderr);
  assert.equal(skipped.results.map((result) => result.filePath), ['db/service.yaml']);
  const reported = lint([...RULES, ...named], dir);
  assert.equal(ruleIds(reported.results).filter((id) => id.endsWith('kubelore/not-a-resource')), ['.pre-commit-config.yaml kubelore/not-a-resource', 'compose.yaml kubelore/not-a-resource']);
});

test("a named file that the config ignores gets ESLint's warning; --no-warn-ignored drops it", () => {
  const dir = project({ 'kubelore.config.yaml': '- kubelore:recommended\n- ignores: ["legacy/**"]\n', 'legacy/db.yaml': STATEFULSET });
  const run = lint(['legacy/db.yaml'], dir);
  assert.is(run.status, 0, run.stderr);
  assert.equal(run.results.map((result) => [result.filePath, result.messages.map((m) => [m.severity, m.message])]), [
    ['legacy/db.yaml', [[1, 'File ignored because of a matching ignore pattern. Use "--no-warn-ignored" to suppress this warning.']]],
  ]);
  assert.equal(lint(['--no-warn-ignored', 'legacy/db.yaml'], dir).results, []);
  assert.equal(lint(['legacy'], dir).results, [], 'a folder walk skips ignored files silently');
});

// The headless Service as JSON, and as a JSON List of it (what `kubectl get -o json` writes).
const SERVICE_JSON = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } }, null, 2);
const LIST_JSON = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [JSON.parse(SERVICE_JSON)] });

test('a JSON neighbour that is a Service, or a List of one, is context; a package-lock.json is not read as context', () => {
  for (const [name, text] of [['service.json', SERVICE_JSON], ['services.json', LIST_JSON]]) {
    const dir = project({ ...CONFIG, 'db/statefulset.yaml': STATEFULSET, [`db/${name}`]: text });
    const run = lint([...RULES, 'db/statefulset.yaml'], dir);
    assert.equal([run.status, run.results.map((result) => result.filePath), ruleIds(run.results)], [0, ['db/statefulset.yaml'], []], `${name}: ${run.stderr}`);
  }
  // Package manifests, lockfiles and tool configs are never objects: not even read, whatever they hold.
  const dir = project({ ...CONFIG, 'db/statefulset.yaml': STATEFULSET, 'db/package-lock.json': SERVICE_JSON, 'db/tsconfig.base.json': LIST_JSON });
  assert.equal(ruleIds(lint([...RULES, 'db/statefulset.yaml'], dir).results), ['db/statefulset.yaml references/statefulset-service']);
  // Named, or in a folder that is linted, such a file is linted as before.
  assert.equal(lint([...RULES, 'db/package-lock.json'], dir).results.map((result) => result.filePath), ['db/package-lock.json']);
  assert.equal(lint([...RULES, 'db'], dir).results.map((result) => result.filePath), ['db/package-lock.json', 'db/statefulset.yaml', 'db/tsconfig.base.json']);
});

test('large JSON neighbours that hold no object change nothing: a schema of objects (cut short), a dashboard, a lockfile', () => {
  const definitions: Record<string, unknown> = {};
  for (let i = 0; i < 2000; i++) {
    definitions[`io.k8s.api.example.v1.Kind${i}`] = {
      type: 'object',
      properties: { apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema' }, kind: { type: 'string' }, spec: { type: 'object' } },
      'x-kubernetes-group-version-kind': [{ group: 'example', kind: `Kind${i}`, version: 'v1' }],
    };
  }
  const schema = JSON.stringify({ definitions }, null, 2);
  const panels = Array.from({ length: 2000 }, (_, i) => ({ id: i, type: 'timeseries', datasource: { type: 'prometheus', uid: 'p' }, targets: [{ expr: `up{job="j${i}"}`, refId: 'A' }] }));
  const alone = project({ ...CONFIG, 'db/statefulset.yaml': STATEFULSET, 'db/service.yaml': HEADLESS_SERVICE });
  const beside = project({
    ...CONFIG,
    'db/statefulset.yaml': STATEFULSET,
    'db/service.yaml': HEADLESS_SERVICE,
    'db/schema.json': schema.slice(0, -100),
    'db/dashboard.json': JSON.stringify({ title: 'db', panels }, null, 2),
    'db/deps.json': JSON.stringify({ lockfileVersion: 3, packages: Object.fromEntries(panels.map((_, i) => [`node_modules/p${i}`, { version: '1.0.0' }])) }),
  });
  for (const args of [[...RULES, 'db/statefulset.yaml'], [...RULES, '--no-context', 'db/statefulset.yaml'], ['db/statefulset.yaml']]) {
    const expected = lint(args, alone);
    const run = lint(args, beside);
    assert.equal([run.status, run.results, run.stderr], [expected.status, expected.results, expected.stderr], args.join(' '));
  }
});

// A Service selecting a label that only the kustomization's commonLabels put on servedDeployment's pods.
const LABELLED_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web, tier: front}
  ports: [{port: 80, targetPort: 8080}]
`;
const SELECTOR_ONLY = { 'only.yaml': '- rules:\n    references/service-selector: error\n' };

test('a kustomization file without apiVersion and kind is context and is linted, as kustomize reads it', () => {
  const bare = 'resources: [deployment.yaml, service.yaml]\ncommonLabels: {tier: front}\n';
  for (const kustomization of [bare, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${bare}`]) {
    const dir = project({ ...SELECTOR_ONLY, 'web/kustomization.yaml': kustomization, 'web/deployment.yaml': servedDeployment('web'), 'web/service.yaml': LABELLED_SERVICE });
    // One file, as pre-commit names it: the kustomization is context, and its labels reach the pods.
    const named = lint(['-c', 'only.yaml', 'web/service.yaml'], dir);
    assert.is(named.status, 0, named.stderr);
    assert.equal(ruleIds(named.results), [], kustomization);
    // The folder walked without rendering: the kustomization file is linted with the rest.
    const walked = lint(['-c', 'only.yaml', '--no-render', 'web'], dir);
    assert.is(walked.status, 0, walked.stderr);
    assert.equal(walked.results.map((result) => result.filePath), ['web/deployment.yaml', 'web/kustomization.yaml', 'web/service.yaml']);
    assert.equal(ruleIds(walked.results), []);
  }
  // Without the kustomization, the Service selects a label no pod has.
  const alone = project({ ...SELECTOR_ONLY, 'web/deployment.yaml': servedDeployment('web'), 'web/service.yaml': LABELLED_SERVICE });
  assert.equal(ruleIds(lint(['-c', 'only.yaml', 'web/service.yaml'], alone).results), ['web/service.yaml references/service-selector']);
});

test.run();
