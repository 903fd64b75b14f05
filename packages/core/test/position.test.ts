import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { YamlEditor } from '../src/edits.js';
import { parseSourceFile } from '../src/parse.js';

const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
          ports: [{containerPort: 80}]
`;

const file = parseSourceFile('d.yaml', text);
const at = (pointer: string, target?: 'key' | 'value' | 'node') => {
  const range = file.locate(0, pointer, target);
  return [range.line, range.column, range.endLine, range.endColumn];
};

test('a scalar is located at its value', () => {
  assert.equal(at('/metadata/name'), [4, 9, 4, 12]);
  assert.equal(at('/spec/template/spec/containers/0/image'), [10, 18, 10, 23]);
});

test('a scalar can be located at its key', () => {
  assert.equal(at('/metadata/name', 'key'), [4, 3, 4, 7]);
});

test('a mapping is located at the key that names it', () => {
  assert.equal(at('/spec/template'), [6, 3, 6, 11]);
});

test('a mapping can be located at itself, for findings about the value', () => {
  assert.equal(at('/spec/template', 'node'), [7, 5, 7, 10]);
  assert.equal(at('/spec/template/spec/containers/0/ports', 'node'), [11, 18, 11, 39]);
});

test('a list item (no key) is located at its first line', () => {
  assert.equal(at('/spec/template/spec/containers/0'), [9, 11, 9, 20]);
});

test('flow collections inside block ones', () => {
  assert.equal(at('/spec/template/spec/containers/0/ports/0/containerPort'), [11, 35, 11, 37]);
});

test('a missing path is reported at its nearest existing ancestor (its key)', () => {
  assert.equal(at('/spec/template/spec/containers/0/readinessProbe/httpGet'), [9, 11, 9, 20]);
  assert.equal(at('/spec/replicas'), [5, 1, 5, 5]);
  assert.equal(at('/metadata/labels/app'), [3, 1, 3, 9]);
});

test('pointer segments are unescaped (~1 is /)', () => {
  const annotated = parseSourceFile('a.yaml', 'metadata:\n  annotations:\n    kubelore.dev/ignore: "x"\n');
  const range = annotated.locate(0, '/metadata/annotations/kubelore.dev~1ignore');
  assert.equal([range.line, range.column], [3, 26]);
});

test('positions are right in later documents and after a BOM and CRLF line ends', () => {
  const multi = parseSourceFile('m.yaml', '\ufeffkind: A\r\n---\r\nkind: B\r\nmetadata:\r\n  name: b\r\n');
  assert.is(multi.documents.length, 2);
  const range = multi.locate(1, '/metadata/name');
  assert.equal([range.line, range.column], [5, 9]);
});

test('aliases are followed to their anchor', () => {
  const aliased = parseSourceFile('x.yaml', 'base: &b\n  image: nginx\nuse: *b\n');
  const range = aliased.locate(0, '/use/image');
  assert.equal([range.line, range.column], [2, 10]);
});

test('a field a `<<` merge key brings in is located at the text it comes from; edits do not touch that shared text', () => {
  const merged = 'defaults: &defaults\n  image: nginx\n  more: &more {tier: web}\napp:\n  <<: [*defaults, {image: busybox, size: 1}]\n  name: app\nnested:\n  <<: {<<: *more}\n';
  const source = parseSourceFile('m.yaml', merged);
  const locate = (pointer: string) => {
    const range = source.locate(0, pointer);
    return [range.line, range.column];
  };
  assert.equal(locate('/app/image'), [2, 10], 'the first source wins, as in the merged value');
  assert.equal(locate('/app/size'), [5, 42]);
  assert.equal(locate('/app/name'), [6, 9]);
  assert.equal(locate('/nested/tier'), [3, 22], 'a merge inside a merged mapping');
  assert.equal(locate('/app/missing'), [4, 1], 'a field no merge brings in: the nearest ancestor');
  assert.is(new YamlEditor(source, 0).setScalar('/app/image', 'httpd'), null);
  assert.ok(new YamlEditor(source, 0).setScalar('/app/name', 'web'));
});

test('a part of a string value: inside a block scalar, after a header comment, the n-th occurrence', () => {
  const config = parseSourceFile('c.yaml', [
    'data:',
    '  app.conf: |  # https://api.example.com is the docs',
    '    # https://api.example.com',
    '    url = "https://api.example.com"',
    '  plain: a api.example.com b',
    '  folded: >',
    '    one',
    '    two api.example.com',
    '',
  ].join('\n'));
  const value = '# https://api.example.com\nurl = "https://api.example.com"\n';
  const second = value.lastIndexOf('api.example.com');
  const part = (pointer: string, within: [number, number]) => {
    const range = config.locate(0, pointer, undefined, within);
    return [range.line, range.column, range.endLine, range.endColumn];
  };
  assert.equal(part('/data/app.conf', [second, second + 15]), [4, 20, 4, 35]);
  assert.equal(part('/data/app.conf', [10, 25]), [3, 15, 3, 30]);
  assert.equal(part('/data/plain', [2, 17]), [5, 12, 5, 27]);
  assert.equal(part('/data/folded', [8, 23]), [8, 9, 8, 24]);
  // A range outside the value, or spanning lines, falls back to the whole scalar.
  assert.equal(part('/data/plain', [2, 99]), [5, 10, 5, 29]);
  assert.equal(part('/data/app.conf', [0, 30])[0], 2);
});

test.run();
