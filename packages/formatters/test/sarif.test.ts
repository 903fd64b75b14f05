import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSarif } from '../src/index.js';
import { context, DEPLOYMENT, lint } from './sample.js';
import { sarifSchemaErrors } from './sarif-schema.js';

type Json = any;

const sarif = (files: Record<string, string>, overrides = {}, limits?: { maxResults: number; maxGzipBytes: number }): Json =>
  JSON.parse(formatSarif(lint(files), context(overrides), limits));
const runOf = (log: Json) => log.runs[0];
const fingerprints = (log: Json): string[] => runOf(log).results.map((result: Json) => result.partialFingerprints.primaryLocationLineHash);

test('a run with findings from several rules and an unreadable file is valid SARIF 2.1.0', () => {
  const log = sarif({ 'deploy/api.yaml': DEPLOYMENT, 'deploy/broken.yaml': 'kind: [oops\n' }, { options: { srcRoot: '/repo', category: 'manifests' } });
  assert.equal(sarifSchemaErrors(log), []);
  assert.equal(
    runOf(log).results.map((result: Json) => [result.ruleId, result.ruleIndex, result.level]),
    [
      ['demo/single-replica', 1, 'warning'],
      ['demo/latest-image', 0, 'error'],
      ['demo/latest-image', 0, 'error'],
      ['kubelore/parse-error', 2, 'error'],
    ],
  );
});

test('the schema check rejects what GitHub would: it is not a check that always passes', () => {
  const log = sarif({ 'deploy/api.yaml': DEPLOYMENT });
  const result = runOf(log).results[0];
  result.locations[0].physicalLocation.region.startLine = 0;
  result.locations[0].physicalLocation.artifactLocation.uri = '<stdin>';
  result.level = 'fatal';
  assert.equal(sarifSchemaErrors(log), [
    '/runs/0/results/0/level must be equal to one of the allowed values',
    '/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"',
    '/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1',
  ]);
});

test('tool.driver describes every rule: ids in order, levels, tags, security severity, help and its URL', () => {
  const { driver } = runOf(sarif({ 'a.yaml': DEPLOYMENT })).tool;
  assert.equal([driver.name, driver.version, driver.semanticVersion, driver.informationUri], ['kubelore', '9.8.7', '9.8.7', 'https://github.com/kubelore/kubelore']);
  assert.equal(driver.rules.map((rule: Json) => rule.id), ['demo/latest-image', 'demo/single-replica', 'kubelore/parse-error']);
  const [latest, replica, parse] = driver.rules;
  assert.is(latest.name, 'DemoLatestImage');
  assert.is(latest.shortDescription.text, 'An image pinned to the latest tag.');
  assert.is(latest.fullDescription.text, 'An image pinned to the latest tag. A restarted pod may run different code than its neighbours.');
  assert.is(latest.helpUri, 'https://example.test/rules/demo/latest-image.md');
  assert.equal(latest.defaultConfiguration, { level: 'error' });
  assert.equal(latest.properties, { tags: ['kubernetes', 'demo', 'problem', 'recommended', 'security'], 'security-severity': '7.5' });
  assert.equal(replica.defaultConfiguration, { level: 'warning' });
  assert.equal(replica.properties, { tags: ['kubernetes', 'demo', 'suggestion', 'strict'], 'problem.severity': 'warning' });
  assert.is(
    latest.help.text,
    'An image pinned to the latest tag.\n\nThe failure it prevents:\nA restarted pod may run different code than its neighbours.\n\n' +
      'How to fix:\n`kubelore --fix` corrects it automatically. Change the manifest so that the finding no longer applies; ' +
      '`kubelore --explain demo/latest-image` tells more about the rule.\n\nMore: https://example.test/rules/demo/latest-image.md',
  );
  assert.match(latest.help.markdown, /^An image pinned to the latest tag\.\n\n## The failure it prevents\n\nA restarted pod/);
  assert.match(parse.help.text, /How to fix:\nCorrect the YAML at the reported line/);
  assert.is(parse.helpUri, 'https://github.com/kubelore/kubelore/blob/main/packages/core/docs/rules/parse-error.md', 'the engine rule links its page');
});

test('rule help comes from the docs page when there is one: its failure section and its correct example', () => {
  const page = `# demo/latest-image

An image tag that moves.

## The failure it prevents

Two pods of one Deployment
run different code.

## Correct

\`\`\`yaml
image: ghcr.io/acme/api:1.4.2
\`\`\`

Pin a version or a digest.
`;
  const log = sarif({ 'a.yaml': DEPLOYMENT }, { docsPage: (id: string) => (id === 'demo/latest-image' ? page : undefined) });
  const latest = runOf(log).tool.driver.rules[0];
  assert.is(
    latest.help.text,
    'An image pinned to the latest tag.\n\nThe failure it prevents:\nTwo pods of one Deployment run different code.\n\n' +
      'How to fix:\n    image: ghcr.io/acme/api:1.4.2\n\nPin a version or a digest.\n\nMore: https://example.test/rules/demo/latest-image.md',
  );
  assert.is(latest.help.markdown, `${page.slice(page.indexOf('An image tag')).trim()}\n\n[demo/latest-image documentation](https://example.test/rules/demo/latest-image.md)`);
  assert.match(runOf(log).tool.driver.rules[1].help.markdown, /^A Deployment with one replica\.\n\n## The failure it prevents\n\nOne node drain is an outage\./);
});

test('a result: region, repository-relative URI, the object and field as logical locations, fixes', () => {
  const run = runOf(sarif({ 'deploy/api.yaml': DEPLOYMENT }));
  assert.equal(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
  assert.is(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.invocations, [{ executionSuccessful: true }]);
  assert.not.ok('automationDetails' in run, 'no category: the upload action may set its own');
  const result = run.results[1];
  assert.equal(result.message, { text: 'Container "api" runs a ":latest" image.' });
  assert.equal(result.locations, [
    {
      physicalLocation: { artifactLocation: { uri: 'deploy/api.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 18, endLine: 12, endColumn: 41 } },
      logicalLocations: [
        { kind: 'resource', name: 'api', fullyQualifiedName: 'Deployment/web/api' },
        { kind: 'property', name: 'image', fullyQualifiedName: 'Deployment/web/api#/spec/template/spec/containers/0/image' },
      ],
    },
  ]);
  const [change] = result.fixes[0].artifactChanges;
  const [replacement] = change.replacements;
  assert.equal(replacement, { deletedRegion: { charOffset: 173, charLength: 23 }, insertedContent: { text: 'ghcr.io/acme/api:1.0' } });
  assert.is(DEPLOYMENT.slice(173, 173 + 23), 'ghcr.io/acme/api:latest');
  assert.equal(run.results[0].fixes[0].description, { text: 'Run two replicas' });
});

test('fingerprints follow the object and field: inserting lines and documents above changes none', () => {
  const before = sarif({ 'deploy/api.yaml': DEPLOYMENT });
  const moved = `# a comment\n# another\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n${DEPLOYMENT.replace('metadata:\n', 'metadata:\n  labels: {team: a}\n')}`;
  const after = sarif({ 'deploy/api.yaml': moved });
  const lines = (log: Json) => runOf(log).results.map((result: Json) => result.locations[0].physicalLocation.region.startLine);
  assert.equal(lines(before), [7, 12, 14]);
  assert.equal(lines(after), [15, 20, 22]);
  assert.equal(fingerprints(after), fingerprints(before));
  assert.equal(fingerprints(before), [
    'a7fc4f8c3dd67458082576f67394909d:1',
    'f93b75b75fa9da7497c7fd51a770b596:1',
    'c8d7225f8098fe298ce76fe8d120f81b:1',
  ]);
});

test('fingerprints differ by object and field, and count repeats of the same identity', () => {
  const other = DEPLOYMENT.replace('name: api\n  namespace', 'name: worker\n  namespace');
  const log = sarif({ 'a.yaml': `${DEPLOYMENT}---\n${DEPLOYMENT}---\n${other}` });
  const [hashes, occurrences] = [fingerprints(log).map((value) => value.split(':')[0]), fingerprints(log).map((value) => value.split(':')[1])];
  // Nine findings: replicas and two images of api, of its duplicate, then of worker.
  assert.equal(occurrences, ['1', '1', '1', '2', '2', '2', '1', '1', '1']);
  assert.is(hashes[3], hashes[0], 'the duplicate object repeats the identity');
  assert.is(new Set(hashes).size, 6, 'api and worker, replicas and two images: six identities');
  assert.is(fingerprints(sarif({ 'b.yaml': DEPLOYMENT.replace('namespace: web', 'namespace: prod') }))[0] === fingerprints(log)[0], false);
});

test('--sarif-category becomes automationDetails.id with the trailing slash GitHub reads as a category', () => {
  assert.equal(runOf(sarif({ 'a.yaml': DEPLOYMENT }, { options: { srcRoot: '/repo', category: 'manifests' } })).automationDetails, { id: 'manifests/' });
  assert.equal(runOf(sarif({ 'a.yaml': DEPLOYMENT }, { options: { srcRoot: '/repo', category: 'k8s/prod/' } })).automationDetails, { id: 'k8s/prod/' });
});

test('URIs: relative to the repository root from a subfolder, encoded; absolute outside it; stdin as a name', () => {
  const run = runOf(
    JSON.parse(
      formatSarif(
        [
          ...lint({ 'my deploy/a#1.yaml': DEPLOYMENT, '../../../elsewhere/b.yaml': DEPLOYMENT }),
          ...lint({ '<stdin>': DEPLOYMENT }),
        ],
        context({ cwd: '/repo/services/shop', options: { srcRoot: '/repo' } }),
      ),
    ),
  );
  const uris = [...new Set(run.results.map((result: Json) => JSON.stringify(result.locations[0].physicalLocation.artifactLocation)))];
  assert.equal(uris, [
    JSON.stringify({ uri: 'services/shop/my%20deploy/a%231.yaml', uriBaseId: '%SRCROOT%' }),
    JSON.stringify({ uri: 'file:///elsewhere/b.yaml' }),
    JSON.stringify({ uri: '%3Cstdin%3E' }),
  ]);
});

test('over GitHub\'s result limit: errors are kept first, in report order, with a notification and a warning', () => {
  const warnings: string[] = [];
  const text = `${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: api\n  namespace', 'name: two\n  namespace')}`;
  const log = sarif({ 'a.yaml': text }, { warn: (message: string) => warnings.push(message) }, { maxResults: 5, maxGzipBytes: 10_000_000 });
  assert.equal(
    runOf(log).results.map((result: Json) => [result.level, result.locations[0].physicalLocation.region.startLine]),
    [['warning', 7], ['error', 12], ['error', 14], ['error', 27], ['error', 29]],
  );
  const expected =
    'GitHub code scanning accepts at most 5 results a run: kept 5 of 6 results (errors first) and left out 1. ' +
    'Turn off or fix the noisiest rules, or split the run with --sarif-category.';
  assert.equal(runOf(log).invocations[0].toolExecutionNotifications, [{ level: 'warning', message: { text: expected } }]);
  assert.equal(warnings, [expected]);
  assert.equal(sarifSchemaErrors(log), []);
});

test('over the gzipped size limit: results are cut until the file fits', () => {
  const warnings: string[] = [];
  const many = Array.from({ length: 40 }, (_, index) => DEPLOYMENT.replace('name: api\n  namespace', `name: app-${index}\n  namespace`)).join('---\n');
  const full = formatSarif(lint({ 'a.yaml': many }), context());
  const limit = 6_000;
  const cut = formatSarif(lint({ 'a.yaml': many }), context({ warn: (message: string) => warnings.push(message) }), { maxResults: 25_000, maxGzipBytes: limit });
  assert.ok(gzipSync(full).length > limit, 'the uncut file is over the limit');
  assert.ok(gzipSync(cut).length <= limit);
  const kept = runOf(JSON.parse(cut)).results.length;
  assert.ok(kept > 0 && kept < 120, `kept ${kept}`);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, new RegExp(`^GitHub code scanning accepts at most ${limit} bytes of gzipped SARIF: kept ${kept} of 120 results`));
});


test.run();
