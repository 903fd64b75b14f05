import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, validateRuleOptions } from '../src/config.js';
import { Linter } from '../src/linter.js';
import { definePlugin, defineRule, type RuleVisitors } from '../src/rule.js';
import type { Resource } from '../src/resource.js';
import type { ResourceIndex } from '../src/resource-index.js';
import type { PodView } from '../src/workloads.js';
import { containerRule, testPlugin } from './helpers.js';

const linter = new Linter();
const config = (rules: Record<string, unknown>, settings = {}) => [{ plugins: { test: testPlugin }, rules: rules as never, settings }];
const summary = (messages: { ruleId: string | null; line: number; column: number; message: string }[]) =>
  messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      initContainers:
        - name: init
      containers:
        - name: web
`;

test('Container visits init and regular containers, with their lines', () => {
  const result = linter.lintText(deployment, config({ 'test/containers': 'error' }));
  assert.equal(summary(result.messages), ['9:11 test/containers init container "init"', '11:11 test/containers container container "web"']);
  assert.is(result.errorCount, 2);
  assert.equal(result.messages[1]!.resource, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'api', document: 0 });
  assert.is(result.messages[1]!.path, '/spec/template/spec/containers/0');
});

test('a malformed document followed by a valid one reports both', () => {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n---\n${deployment}`;
  const result = linter.lintText(text, config({ 'test/containers': 'error' }));
  assert.is(result.fatalErrorCount, 1);
  assert.is(result.messages[0]!.ruleId, null);
  assert.ok(result.messages[0]!.fatal);
  assert.equal(summary(result.messages.slice(1)), ['13:11 test/containers init container "init"', '15:11 test/containers container container "web"']);
});

test('List items are flattened with their pointers; namespaces default and cluster scope is known', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a, namespace: prod}
  - apiVersion: v1
    kind: Namespace
    metadata: {name: prod}
`;
  const result = linter.lintText(text, config({ 'test/kinds': 'warn' }, { defaultNamespace: 'web' }));
  assert.equal(summary(result.messages), ['5:11 test/kinds ConfigMap a in prod', '8:11 test/kinds Namespace prod in (cluster)']);
  assert.is(result.messages[0]!.path, '/items/0/kind');
  assert.is(result.warningCount, 2);
});

test('objects without apiVersion or kind, and non-mapping documents, are reported and skipped', () => {
  const result = linter.lintText('foo: bar\n---\n- a\n---\nkind: Pod\n', config({ 'test/kinds': 'error' }));
  assert.equal(
    result.messages.map((m) => [m.ruleId, m.line, m.severity]),
    [
      ['kubelore/not-a-resource', 1, 1],
      ['kubelore/not-a-resource', 3, 1],
      ['kubelore/not-a-resource', 5, 1],
    ],
  );
  assert.match(result.messages[2]!.message, /no `apiVersion`/);
});

test('a rule that throws becomes a finding naming the rule and object; other rules still run', () => {
  const result = linter.lintText(deployment, config({ 'test/throws': 'error', 'test/containers': 'error' }));
  assert.equal(
    result.messages.map((m) => m.ruleId),
    ['kubelore/rule-error', 'test/containers', 'test/containers'],
  );
  assert.is(result.messages[0]!.message, 'Rule "test/throws" failed on Deployment api: boom');
});

test('comment directives: next line, whole document, and with a reason', () => {
  const text = deployment.replace('        - name: web', '        # kubelore-disable-next-line test/containers -- sidecar is fine\n        - name: web');
  assert.equal(summary(linter.lintText(text, config({ 'test/containers': 'error' })).messages), ['9:11 test/containers init container "init"']);
  const whole = `# kubelore-disable test/*\n${deployment}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c}]\n`;
  assert.equal(summary(linter.lintText(whole, config({ 'test/containers': 'error' })).messages), ['18:16 test/containers container container "c"']);
});

test('the ignore annotation suppresses listed rules on its object only', () => {
  const text = deployment.replace('  name: api\n', '  name: api\n  annotations:\n    kubelore.dev/ignore: "test/containers -- legacy"\n');
  assert.equal(linter.lintText(text, config({ 'test/containers': 'error' })).messages, []);
});

test('unused directives are reported when asked', () => {
  const text = `# kubelore-disable-next-line test/kinds\n${deployment}`;
  const result = linter.lintText(text, config({ 'test/containers': 'error' }), 'x.yaml', { reportUnusedDirectives: true });
  assert.equal(result.messages.map((m) => m.ruleId), ['kubelore/unused-directive', 'test/containers', 'test/containers']);
  assert.is(result.messages[0]!.line, 1);
});

test('options are validated with the rule schema and defaults are filled', () => {
  const result = linter.lintText(deployment, config({ 'test/containers': ['error', { skip: 'init' }] }));
  assert.is(result.messages.length, 1);
  assert.throws(() => linter.lintText(deployment, config({ 'test/containers': ['error', { skip: 3 }] })), (error: Error) => error instanceof ConfigError && /rule "test\/containers": option "skip" must be string/.test(error.message));
  assert.throws(() => linter.lintText(deployment, config({ 'test/containers': ['error', { skipp: 'x' }] })), /must NOT have additional properties \("skipp"\)/);
  assert.throws(() => linter.lintText(deployment, config({ 'test/nope': 'error' })), /Could not find rule "test\/nope"/);
  assert.throws(() => linter.lintText(deployment, config({ 'test/containers': 'loud' })), /severity must be/);
});

test('object-scoped config switches a rule for matching objects only', () => {
  const two = `${deployment}---\n${deployment.replace('name: api', 'name: legacy')}`;
  const configs = [...config({ 'test/containers': 'error' }), { objects: [{ kind: 'Deployment', name: 'leg*' }], rules: { 'test/containers': 'off' as const } }];
  const result = linter.lintText(two, configs);
  assert.equal(result.messages.map((m) => m.resource?.name), ['api', 'api']);
});

test('files and ignores select config objects by path', () => {
  const configs = [
    ...config({ 'test/containers': 'error' }),
    { files: ['legacy/**'], rules: { 'test/containers': 'off' as const } },
    { ignores: ['vendor/**'] },
  ];
  assert.is(linter.lint([{ filePath: 'legacy/a.yaml', text: deployment }], configs)[0]!.messages.length, 0);
  assert.is(linter.lint([{ filePath: 'apps/a.yaml', text: deployment }], configs)[0]!.messages.length, 2);
  assert.is(linter.lint([{ filePath: 'vendor/a.yaml', text: deployment }], configs).length, 0);
});

test('the index spans every file of a run', () => {
  const rule = {
    meta: { type: 'problem' as const, docs: { description: 'd', story: 's', recommended: true }, messages: { served: 'served by {{names}}' } },
    create(context: any) {
      return {
        PodSpec(pod: any) {
          const services = context.index.servicesSelecting(pod);
          if (services.length) context.report({ node: pod, messageId: 'served', data: { names: services.map((s: any) => s.name).join(',') } });
        },
      };
    },
  };
  const configs = [{ plugins: { x: { meta: { name: 'x' }, rules: { served: rule } } }, rules: { 'x/served': 'error' as const } }];
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec: {containers: [{name: c}]}\n';
  const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: a}}\n';
  const results = linter.lint([{ filePath: 'pod.yaml', text: pod }, { filePath: 'svc.yaml', text: service }], configs);
  assert.equal(results.map((r) => r.messages.map((m) => m.message)), [['served by s'], []]);
});

/** A config of one rule that reports on every pod the names of the objects an index query gives for it. */
function namesForEveryPod(message: string, query: (index: ResourceIndex, pod: PodView) => ReadonlyArray<{ name?: string }>) {
  const rule = defineRule({
    meta: { type: 'problem', docs: { description: 'd', story: 's', recommended: true }, messages: { names: message } },
    create: (context) => ({ PodSpec: (pod) => context.report({ node: pod, messageId: 'names', data: { names: query(context.index, pod).map((found) => found.name).join(',') } }) }),
  });
  return [{ plugins: { x: { meta: { name: 'x' }, rules: { names: rule } } }, rules: { 'x/names': 'error' as const } }];
}

test('the Services selecting a pod come by the first of its labels each selects on, then in input order', () => {
  const configs = namesForEveryPod('served by {{names}}', (index, pod) => index.servicesSelecting(pod));
  const service = (name: string, selector: string, namespace = 'default') => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {selector: {${selector}}}\n`;
  // Every pod has the release label; each Service is found through its rarest pair.
  const pod = (name: string, app: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {release: r, app: ${app}, tier: web}}\nspec: {containers: [{name: c}]}\n`;
  const services = [
    service('s1', 'tier: web'),
    service('s2', 'app: a, release: r'),
    service('s3', 'app: a'),
    service('s4', 'release: r, tier: web'),
    service('s5', 'app: a, tier: db'),
    service('s6', 'release: r', 'other'),
    service('s7', 'release: r, app: b'),
  ].join('---\n');
  const results = linter.lint([{ filePath: 'svc.yaml', text: services }, { filePath: 'pods.yaml', text: `${pod('a', 'a')}---\n${pod('b', 'b')}` }], configs);
  assert.equal(results[1]!.messages.map((m) => m.message), ['served by s2,s4,s3,s1', 'served by s4,s7,s1']);
});

test('the PodDisruptionBudgets of a pod: every selector shape, in input order', () => {
  const configs = namesForEveryPod('budgets {{names}}', (index, pod) => index.disruptionBudgetsFor(pod));
  const budget = (name: string, spec: string, namespace = 'default') => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${name}, namespace: ${namespace}}\n${spec}\n`;
  const budgets = [
    budget('everything', 'spec: {selector: {}}'),
    budget('web', 'spec: {selector: {matchLabels: {release: r, app: web}}}'),
    budget('not-db', 'spec: {selector: {matchExpressions: [{key: app, operator: NotIn, values: [db]}]}}'),
    budget('no-selector', 'spec: {maxUnavailable: 1}'),
    budget('no-spec', ''),
    budget('release', 'spec: {selector: {matchLabels: {release: r}}}'),
    budget('elsewhere', 'spec: {selector: {}}', 'other'),
    budget('both', 'spec: {selector: {matchLabels: {release: r}, matchExpressions: [{key: app, operator: In, values: [db]}]}}'),
  ].join('---\n');
  const pod = (name: string, app: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {release: r, app: ${app}}}\nspec: {containers: [{name: c}]}\n`;
  const results = linter.lint([{ filePath: 'pods.yaml', text: `${pod('a', 'web')}---\n${pod('b', 'db')}` }, { filePath: 'pdb.yaml', text: budgets }], configs);
  assert.equal(results[0]!.messages.map((m) => m.message), ['budgets everything,web,not-db,release', 'budgets everything,release,both']);
});

test('Helm test hooks are skipped by pod rules unless the setting asks', () => {
  const hook = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations: {"helm.sh/hook": test}\nspec: {containers: [{name: c}]}\n';
  assert.is(linter.lintText(hook, config({ 'test/containers': 'error' })).messages.length, 0);
  assert.is(linter.lintText(hook, config({ 'test/containers': 'error' }, { lintHelmTestHooks: true })).messages.length, 1);
});

test('a kustomization file without apiVersion and kind is a Kustomization, as kustomize reads it; other files are not objects', () => {
  const text = 'resources:\n- manager.yaml\n';
  const kinds = (filePath: string) => linter.lint([{ filePath, text }], config({ 'test/kinds': 'warn' }))[0]!.messages.map((m) => `${m.ruleId} ${m.message}`);
  assert.equal(kinds('config/manager/kustomization.yaml'), ['test/kinds Kustomization - in default']);
  assert.equal(kinds('config/manager/Kustomization'), ['test/kinds Kustomization - in default']);
  assert.equal(kinds('config/manager/resources.yaml'), ['kubelore/not-a-resource Not a Kubernetes object: no `apiVersion` and `kind`; skipped.']);
});

test("a kustomize patch's pods are seen only by rules that judge written values", () => {
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers: [{name: web}]\n';
  const both = definePlugin({ name: 'p', rules: { absent: containerRule, written: { ...containerRule, meta: { ...containerRule.meta, judgesWrittenValues: true } } } });
  const lint = (filePath: string) => linter.lint([{ filePath, text: patch }], [{ plugins: { p: both }, rules: { 'p/absent': 'error', 'p/written': 'error' } }])[0]!.messages.map((m) => m.ruleId);
  assert.equal(lint('overlays/prod/replicas-patch.yaml'), ['p/written']);
  assert.equal(lint('overlays/prod/patches/web.yaml'), ['p/written']);
  assert.equal(lint('overlays/prod/web.yaml'), ['p/absent', 'p/written']);
  // Listed as a patch by a kustomization of the input, whatever the file is called.
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\npatches:\n  - path: web.yaml\n';
  const listed = linter.lint(
    [{ filePath: 'overlays/prod/web.yaml', text: patch }, { filePath: 'overlays/prod/kustomization.yaml', text: kustomization }],
    [{ plugins: { p: both }, rules: { 'p/absent': 'error', 'p/written': 'error' } }],
  );
  assert.equal(listed[0]!.messages.map((m) => m.ruleId), ['p/written']);
});

test('test assertion files (chainsaw, kuttl) and test-tool objects are not linted unless the setting asks', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n';
  const lint = (filePath: string, text = pod, settings = {}) => linter.lint([{ filePath, text }], config({ 'test/containers': 'error' }, settings))[0]!.messages.length;
  for (const name of ['e2e/x/00-assert.yaml', 'e2e/x/01-assert-deployment.yaml', 'e2e/x/assert.yml', 'e2e/x/00-errors.yaml', 'e2e/x/errors.yaml', 'e2e/x/01-error.yaml', 'chainsaw-assert.json']) {
    assert.is(lint(name), 0, name);
    assert.is(lint(name, pod, { lintTestAssertions: true }), 1, `${name} with lintTestAssertions`);
  }
  // Names that only look alike are manifests.
  for (const name of ['k8s/assertion-service.yaml', 'k8s/retry-on-error.yaml', 'k8s/error-pages.yaml', 'k8s/custom-errors/backend.yaml', 'k8s/00-install.yaml']) assert.is(lint(name), 1, name);
  // A chainsaw assertion document that is no object at all (a JMESPath check) is not reported either.
  assert.is(linter.lint([{ filePath: '01-assert.yaml', text: '(x == `1`): true\n' }], config({}))[0]!.messages.length, 0);
  assert.is(linter.lint([{ filePath: '01-install.yaml', text: '(x == `1`): true\n' }], config({}))[0]!.messages[0]!.ruleId, 'kubelore/not-a-resource');
  // Test-tool objects beside applied ones: only the applied ones are linted.
  const step = `apiVersion: kuttl.dev/v1beta1\nkind: TestStep\nmetadata: {name: s}\n---\n${pod}`;
  const kinds = (settings = {}) => linter.lint([{ filePath: 'e2e/x/00-install.yaml', text: step }], config({ 'test/kinds': 'error' }, settings))[0]!.messages.length;
  assert.is(kinds(), 1);
  assert.is(kinds({ lintTestAssertions: true }), 2);
});

test('an invalid kubernetesVersion setting is a config error', () => {
  assert.throws(() => linter.lintText(deployment, config({}, { kubernetesVersion: 'latest' })), /kubernetesVersion/);
});

test('contextOnly inputs join the index for cross-object rules but get no result and no findings', () => {
  const counts: number[] = [];
  const indexRule = {
    meta: { type: 'problem' as const, docs: { description: 'counts the index', story: 'test rule', recommended: true }, messages: { seen: '{{n}} objects' } },
    create(context: { index: { resources: unknown[] }; report: (d: never) => void }) {
      return { '*'(resource: unknown) { counts.push(context.index.resources.length); context.report({ node: resource, messageId: 'seen', data: { n: context.index.resources.length } } as never); } };
    },
  };
  const configs = [{ plugins: { idx: { meta: { name: 'idx' }, rules: { count: indexRule as never } } }, rules: { 'idx/count': 'error' as const } }];
  const results = linter.lint(
    [
      { filePath: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', contextOnly: true },
      { filePath: 'b.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n' },
      { filePath: 'c.yaml', text: 'a: [', contextOnly: true },
    ],
    configs as never,
  );
  assert.equal(results.map((result) => result.filePath), ['b.yaml'], 'only the linted input has a result; a broken context file reports nothing');
  assert.equal(summary(results[0]!.messages), ['1:1 idx/count 2 objects']);
  assert.equal(counts, [2], 'rules ran once, on the linted file, seeing both objects');
});

test("a rule's own strictOptions pass unvalidated; the same options given by a user are validated", () => {
  const rule = defineRule({
    meta: {
      type: 'problem',
      docs: { description: 'x', story: 'x', recommended: true },
      messages: { x: 'limit {{limit}}' },
      schema: { type: 'object', properties: { limit: { type: 'number' } }, additionalProperties: false },
      defaultOptions: { limit: 1 },
      // Wrong on purpose: RuleTester is what catches this (validateRuleOptions), not every run.
      strictOptions: { limit: 'two' } as never,
    },
    create: (context) => ({ Pod: (pod) => context.report({ node: pod, messageId: 'x', data: { limit: String(context.options.limit) } }) }),
  });
  const plugin = definePlugin({ name: 'opt', rules: { r: rule } });
  const linter = new Linter();
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';
  const strict = linter.lintText(pod, [{ plugins: { opt: plugin }, rules: plugin.configs!.strict!.rules }]);
  assert.equal(strict.messages.map((m) => [m.ruleId, m.message]), [['opt/r', 'limit two']]);
  assert.throws(
    () => linter.lintText(pod, [{ plugins: { opt: plugin }, rules: { 'opt/r': ['error', { limit: 'two' }] } }]),
    (error: unknown) => error instanceof ConfigError && /Invalid options for rule "opt\/r": option "limit" must be number/.test(error.message),
  );
  assert.throws(() => validateRuleOptions('opt/r', rule, rule.meta.strictOptions), /option "limit" must be number/);
});

test('a rule with meta.visits is made only for files with an object it visits; a visitor it does not list is a rule error', () => {
  const made: string[] = [];
  type Report = (node: Resource | PodView) => void;
  const rule = (visits: string[], visitors: (report: Report) => RuleVisitors) =>
    defineRule({
      meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { x: 'seen {{kind}}' }, visits },
      create: (context) => {
        made.push(`${context.id} ${context.filePath}`);
        return visitors((node) => context.report({ node, messageId: 'x', data: { kind: 'kind' in node ? node.kind : 'a pod' } }));
      },
    });
  const plugin = definePlugin({
    name: 'v',
    rules: {
      services: rule(['Service'], (report) => ({ Service: report })),
      pods: rule(['PodSpec'], (report) => ({ PodSpec: report })),
      all: rule(['*'], (report) => ({ '*': report })),
      wrong: rule(['Service'], (report) => ({ Service: report, Deployment: report })),
    },
  });
  const rules = { 'v/services': 'error', 'v/pods': 'error', 'v/all': 'error', 'v/wrong': 'error' } as const;
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n';
  const results = new Linter().lint(
    [
      { filePath: 'svc.yaml', text: service },
      { filePath: 'deploy.yaml', text: deployment },
      { filePath: 'map.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' },
    ],
    [{ plugins: { v: plugin }, rules }],
  );
  assert.equal(made, ['v/services svc.yaml', 'v/all svc.yaml', 'v/wrong svc.yaml', 'v/pods deploy.yaml', 'v/all deploy.yaml', 'v/all map.yaml']);
  assert.equal(
    results.map((result) => [result.filePath, summary(result.messages)]),
    [
      ['svc.yaml', ['1:1 kubelore/rule-error Rule "v/wrong" failed: create() returned a "Deployment" visitor that meta.visits does not list', '1:1 v/all seen Service', '1:1 v/services seen Service', '1:1 v/wrong seen Service']],
      ['deploy.yaml', ['1:1 v/all seen Deployment', '7:5 v/pods seen a pod']],
      ['map.yaml', ['1:1 v/all seen ConfigMap']],
    ],
  );
});

test.run();
