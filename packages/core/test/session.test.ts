// LintSession: the index of the last run updated in place, rule tables updated rather than built again,
// unchanged files not parsed again; and the results those of runs without a session.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { containersOf, definePlugin, defineRule, Linter, type ConfigArray, type ContainerView, type LintInput, type PodView, type Resource } from '../src/index.js';
import { LintSession } from '../src/internal.js';

let builds = 0;
let updates = 0;
const probe = definePlugin({
  name: 'probe',
  rules: {
    // Reports how many objects of its kind and namespace the index holds, from a table kept on the index.
    census: defineRule({
      meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { count: '{{count}} in {{namespace}}' } },
      create: (context) => ({
        '*'(resource: Resource) {
          const table = context.index.table('probe/census', {
            build: () => {
              builds++;
              const counts = new Map<string, number>();
              for (const object of context.index.resources) counts.set(`${object.kind}/${object.namespace}`, (counts.get(`${object.kind}/${object.namespace}`) ?? 0) + 1);
              return counts;
            },
            update: (counts, change) => {
              updates++;
              for (const object of change.removed) counts.set(`${object.kind}/${object.namespace}`, counts.get(`${object.kind}/${object.namespace}`)! - 1);
              for (const object of change.added) counts.set(`${object.kind}/${object.namespace}`, (counts.get(`${object.kind}/${object.namespace}`) ?? 0) + 1);
              return true;
            },
          });
          context.report({ node: resource, messageId: 'count', data: { count: String(table.get(`${resource.kind}/${resource.namespace}`)), namespace: String(resource.namespace) } });
        },
      }),
    }),
  },
});
const configs: ConfigArray = [{ plugins: { probe }, rules: { 'probe/census': 'error' } }];
const widget = (name: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: ${name}, namespace: shop}\n`;
const crd = (scope: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: ${scope}, names: {kind: Widget, plural: widgets}}\n`;
const messagesOf = (results: ReturnType<Linter['lint']>) => results.map((result) => result.messages.map((message) => message.message));

test('an edit updates the index and the tables kept on it; a CRD change builds them again; results as without a session', () => {
  const parsed: unknown[] = [];
  const linter = new Linter({ freezeValues: (value) => parsed.push(value) });
  const session = new LintSession();
  const context: LintInput[] = Array.from({ length: 20 }, (_, index) => ({ filePath: `context/${index}.yaml`, text: widget(`w${index}`), contextOnly: true }));
  const run = (open: string, extra: LintInput[] = []) => {
    const inputs = [...context, ...extra, { filePath: 'open.yaml', text: open }];
    const results = linter.lint(inputs, configs, { session });
    // The reference run builds its own table: the counts are the session's alone.
    const [built, updated] = [builds, updates];
    assert.equal(messagesOf(results), messagesOf(new Linter().lint(inputs.map((input) => ({ ...input })), configs)));
    [builds, updates] = [built, updated];
    return results;
  };
  builds = updates = 0;
  assert.equal(messagesOf(run(widget('a'))), [['21 in shop']]);
  assert.is(session.lastIndex, 'built');
  const afterFirst = parsed.length;
  assert.equal(messagesOf(run(`${widget('a')}---\n${widget('b')}`)), [['22 in shop', '22 in shop']]);
  assert.is(session.lastIndex, 'updated');
  assert.is(builds, 1);
  assert.is(updates, 1);
  // Only the edited file was parsed again (its two documents), not the twenty around it.
  assert.is(parsed.length - afterFirst, 2);
  // The same text again: nothing changed, nothing parsed.
  const again = parsed.length;
  run(`${widget('a')}---\n${widget('b')}`);
  assert.is(session.lastIndex, 'unchanged');
  assert.is(parsed.length, again);
  // A cluster-scoped CRD takes the namespace of every Widget: a new index and a new table.
  const definition: LintInput = { filePath: 'crd.yaml', text: crd('Cluster'), contextOnly: true };
  assert.equal(messagesOf(run(widget('a'), [definition])), [['21 in undefined']]);
  assert.is(session.lastIndex, 'built');
  assert.is(builds, 2);
  // Without the CRD the objects kept from before get back the namespace they were modelled with.
  assert.equal(messagesOf(run(widget('a'))), [['21 in shop']]);
});

test('another config array starts the session afresh', () => {
  const session = new LintSession();
  const linter = new Linter();
  const inputs: LintInput[] = [{ filePath: 'a.yaml', text: widget('a') }];
  linter.lint(inputs, configs, { session });
  linter.lint(inputs, [...configs], { session });
  assert.is(session.lastIndex, 'built');
});

test('index.find answers from the objects as they are after each edit (its by-name table is dropped on update)', () => {
  const finder = definePlugin({
    name: 'finder',
    rules: {
      where: defineRule({
        meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { at: '{{found}}' } },
        create: (context) => ({
          Pod(resource: Resource) {
            const found = context.index.find('ConfigMap', 'settings', resource.namespace);
            context.report({ node: resource, messageId: 'at', data: { found: found ? `${found.source.path} ${found.namespace}` : 'none' } });
          },
        }),
      }),
    },
  });
  const where: ConfigArray = [{ plugins: { finder }, rules: { 'finder/where': 'error' } }];
  const map = (name: string, namespace: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\n`;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\n';
  const session = new LintSession();
  const linter = new Linter();
  const others: LintInput[] = Array.from({ length: 12 }, (_, index) => ({ filePath: `maps/${index}.yaml`, text: map(`m${index}`, 'shop'), contextOnly: true }));
  const run = (text: string) => {
    const inputs = [...others, { filePath: 'edited.yaml', text, contextOnly: true }, { filePath: 'pod.yaml', text: pod }];
    const messages = messagesOf(linter.lint(inputs, where, { session }));
    assert.equal(messages, messagesOf(new Linter().lint(inputs.map((input) => ({ ...input })), where)));
    return messages[messages.length - 1];
  };
  assert.equal(run(map('settings', 'other')), ['none']);
  assert.equal(run(map('settings', 'shop')), ['edited.yaml shop']);
  assert.is(session.lastIndex, 'updated');
  assert.equal(run(map('renamed', 'shop')), ['none']);
  assert.is(session.lastIndex, 'updated');
});

test('container views, built once per pod view and shared by the engine and rules, follow each edit', () => {
  // containersOf keeps its views per pod view: an edited file's objects get new pod views, and with them new containers.
  const lister = definePlugin({
    name: 'lister',
    rules: {
      containers: defineRule({
        meta: { type: 'problem', docs: { description: 'x', story: 'x', recommended: true }, messages: { pod: 'pod: {{names}}', container: 'container {{name}}' } },
        create: (context) => ({
          PodSpec(pod: PodView) {
            assert.is(containersOf(pod), containersOf(pod));
            context.report({ node: pod, messageId: 'pod', data: { names: containersOf(pod).map((view) => view.name).join(',') } });
          },
          Container(view: ContainerView) {
            context.report({ node: view, messageId: 'container', data: { name: view.name } });
          },
        }),
      }),
    },
  });
  const listed: ConfigArray = [{ plugins: { lister }, rules: { 'lister/containers': 'error' } }];
  const pod = (containers: string[]) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n${containers.map((name) => `  - {name: ${name}, image: x}\n`).join('')}`;
  // Files that stay as they are: the session updates its index rather than building it again.
  const context: LintInput[] = Array.from({ length: 12 }, (_, index) => ({ filePath: `pods/${index}.yaml`, text: pod([`p${index}`]), contextOnly: true }));
  const session = new LintSession();
  const linter = new Linter();
  const run = (text: string) => {
    const inputs: LintInput[] = [...context, { filePath: 'pod.yaml', text }, { filePath: 'other.yaml', text: pod(['z']) }];
    const messages = messagesOf(linter.lint(inputs, listed, { session }));
    assert.equal(messages, messagesOf(new Linter().lint(inputs.map((input) => ({ ...input })), listed)));
    return messages;
  };
  const other = ['pod: z', 'container z'];
  assert.equal(run(pod(['a'])), [['pod: a', 'container a'], other]);
  assert.equal(run(pod(['a', 'b'])), [['pod: a,b', 'container a', 'container b'], other]);
  assert.is(session.lastIndex, 'updated');
  assert.equal(run(pod(['c'])), [['pod: c', 'container c'], other]);
});

test.run();
