// An editor's LintSession (the index updated in place, unchanged files neither parsed nor linted by
// per-file rules again) must give exactly the results of a run without one. Every built-in rule, on the
// repository's examples and kustomize fixtures, through a series of edits that touch what the
// cross-object tables are made of: replicas, labels, names, duplicates, Kustomizations, CRDs, files
// coming and going.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Linter, type ConfigArray, type LintInput } from '../packages/core/dist/index.js';
import { LintSession } from '../packages/core/dist/internal.js';
import { builtinPlugins, presetConfig } from '../packages/cli/dist/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function manifests(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) manifests(path, out);
    else if (/\.ya?ml$/.test(entry)) out.push(relative(ROOT, path).split('\\').join('/'));
  }
  return out;
}

const configs: ConfigArray = [{ plugins: { ...builtinPlugins } }, presetConfig('strict'), { settings: { applyScope: 'folder' } }];
const start = new Map<string, string>();
for (const path of [...manifests(join(ROOT, 'examples')), ...manifests(join(ROOT, 'test/fixtures/kustomize'))]) start.set(path, readFileSync(join(ROOT, path), 'utf8'));

const DEPLOYMENT = (name: string, replicas: number, app = name) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: edits
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
        - name: app
          image: registry.example/app:1.0
`;
const SERVICE = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: edits
spec:
  selector: {app: ${app}}
  ports: [{port: 80, targetPort: 8080}]
`;
const PDB = (app: string, min: number) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  namespace: edits
spec:
  minAvailable: ${min}
  selector: {matchLabels: {app: ${app}}}
`;
const HPA = (target: string, min: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${target}
  namespace: edits
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: ${min}
  maxReplicas: 10
`;
const CRD = (scope: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: ${scope}
  names: {kind: Widget, plural: widgets}
  versions: [{name: v1, served: true, storage: true}]
`;
const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: one
  namespace: edits
`;

type Edit = [path: string, text: string | undefined];

// Each step sets (or, with undefined, deletes) some files; the open documents are the first three paths named.
const steps: Edit[][] = [
  [['edits/app.yaml', `${DEPLOYMENT('web', 2)}---\n${SERVICE('web', 'web')}`], ['edits/pdb.yaml', PDB('web', 2)]],
  // A ServiceMonitor that scrapes the Service's target port: the port is no longer served (termination/serving's per-run table of the monitors selecting each Service).
  [['edits/monitor.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web, namespace: edits}\nspec:\n  selector: {}\n  endpoints: [{targetPort: 8080}]\n']],
  [['edits/monitor.yaml', undefined]],
  [['edits/app.yaml', `${DEPLOYMENT('web', 3)}---\n${SERVICE('web', 'web')}`]],
  [['edits/app.yaml', `${DEPLOYMENT('web', 3)}---\n${SERVICE('web', 'webb')}`]],
  // The Service selects nothing: its closest label sets, pod creators and incomplete workloads count.
  [['edits/near.yaml', DEPLOYMENT('near', 1, 'webx')]],
  [['edits/rollout.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r, namespace: edits}\nspec: {template: {spec: {containers: [{name: a, image: a}]}}}\n']],
  [['edits/rollout.yaml', undefined], ['edits/near.yaml', DEPLOYMENT('near', 1, 'wobb')]],
  [['edits/fragment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frag, namespace: edits}\nspec:\n  template:\n    metadata: {labels: {app: webb}}\n']],
  [['edits/fragment.yaml', undefined]],
  [['edits/copy.yaml', DEPLOYMENT('web', 5)]],
  [['edits/copy.yaml', DEPLOYMENT('web', 3)]],
  [['edits/app.yaml', `# a comment moves everything down\n${DEPLOYMENT('web', 4)}---\n${SERVICE('web', 'web')}`]],
  [['edits/widget.yaml', WIDGET]],
  [['edits/crd.yaml', CRD('Cluster')]],
  [['edits/crd.yaml', CRD('Namespaced')]],
  // A kind one letter from the CRD's: schema/unknown-kind's per-run table of the CRDs' kinds by group.
  [['edits/widget.yaml', WIDGET.replace('kind: Widget', 'kind: Widgett')]],
  [['edits/crd.yaml', undefined], ['edits/widget.yaml', WIDGET]],
  [['edits/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [app.yaml, copy.yaml]\n'], ['edits/copy.yaml', DEPLOYMENT('web', 3)]],
  [['edits/copy.yaml', DEPLOYMENT('other', 1)]],
  [['edits/kustomization.yaml', undefined], ['test/fixtures/kustomize/base/service.yaml', SERVICE('web', 'web')]],
  [['edits/copy.yaml', undefined], ['edits/pdb.yaml', PDB('web', 9)]],
  // An autoscaler's bounds replace the replicas (replicaRange's autoscalers by target, a memo per run).
  [['edits/hpa.yaml', HPA('web', 1)]],
  [['edits/hpa.yaml', HPA('web', 12)]],
  [['edits/hpa.yaml', HPA('other', 12)]],
  [['edits/hpa.yaml', undefined]],
  [['edits/app.yaml', 'not: [a manifest']],
  [['edits/app.yaml', `${DEPLOYMENT('web', 1)}---\n${SERVICE('web', 'web')}`]],
];

test('a session gives the results of a run without one, edit after edit', () => {
  const texts = new Map(start);
  const sessionLinter = new Linter();
  const session = new LintSession();
  // Context inputs are kept while their text is the same, as an editor keeps its workspace's files.
  const kept = new Map<string, LintInput>();
  let open: string[] = [];
  const ways = new Set<string>();
  const found = new Set<string>();
  for (const [number, step] of steps.entries()) {
    for (const [path, text] of step) {
      if (text === undefined) texts.delete(path);
      else texts.set(path, text);
    }
    open = [...new Set([...step.map(([path]) => path).filter((path) => texts.has(path)), ...open])].slice(0, 3);
    const paths = [...texts.keys()].sort();
    const inputs = paths.map((path): LintInput => {
      const text = texts.get(path)!;
      if (open.includes(path)) return { filePath: path, text, skipUnlessManifest: true };
      const known = kept.get(path);
      if (known?.text === text) return known;
      const input: LintInput = { filePath: path, text, skipUnlessManifest: true, contextOnly: true };
      kept.set(path, input);
      return input;
    });
    const withSession = sessionLinter.lint(inputs, configs, { session });
    ways.add(session.lastIndex!);
    // The reference: a new linter, new input objects, nothing kept from any earlier run.
    const fresh = new Linter().lint(inputs.map((input) => ({ ...input })), configs);
    assert.equal(JSON.stringify(withSession, null, 1), JSON.stringify(fresh, null, 1), `step ${number + 1}`);
    for (const result of fresh) for (const message of result.messages) if (result.filePath.startsWith('edits/')) found.add(`${message.ruleId}:${message.messageId ?? ''}`);
  }
  // The edits reached the verdicts of the tables kept between runs.
  for (const finding of [
    'references/duplicate:duplicate',
    'references/duplicate:kustomize',
    'references/service-selector:noPods',
    'scheduling/pdb-allows-eviction:minAtReplicas',
    'termination/prestop-delay:missing',
    'schema/unknown-kind:noCrd',
    'schema/unknown-kind:kindNotInGroup',
  ]) {
    assert.ok(found.has(finding), `${finding} not among ${[...found].sort().join(', ')}`);
  }
  // The series went through every way of getting an index.
  assert.equal([...ways].sort(), ['built', 'unchanged', 'updated'].filter((way) => ways.has(way)).sort());
  assert.ok(ways.has('updated') && ways.has('built'));
});

test('a CRD whose schema is edited in a session: its objects are checked against the schema as it now is', () => {
  // schema/valid reads each schema through a view kept per schema object (validate.ts): an edited CRD
  // is a new text, so new schema objects, and the old views must not answer for them.
  const crd = (type: string) =>
    `${CRD('Namespaced').trimEnd().replace('versions: [{name: v1, served: true, storage: true}]', '')}versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: ${type}}\n`;
  const widget = `${WIDGET}spec:\n  size: three\n`;
  const linter = new Linter();
  const session = new LintSession();
  const widgetInput: LintInput = { filePath: 'edits/widget.yaml', text: widget };
  const typeFindings = (type: string) => {
    const results = linter.lint([{ filePath: 'edits/crd.yaml', text: crd(type), contextOnly: true }, widgetInput], configs, { session });
    return results.flatMap((result) => result.messages).filter((message) => message.ruleId === 'schema/valid').map((message) => message.message);
  };
  assert.equal(typeFindings('integer'), ['`size` in Widget must be an integer, not a string.']);
  assert.equal(typeFindings('string'), []);
  assert.equal(typeFindings('integer'), ['`size` in Widget must be an integer, not a string.']);
});

test.run();
