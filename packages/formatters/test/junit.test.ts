import type { LintResult } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../src/index.js';
import { context, DEPLOYMENT, lint } from './sample.js';

/**
 * A small well-formedness check: tags nest and close, attributes are quoted and unique, and no raw `<`,
 * `&` or character XML 1.0 forbids appears in text or attribute values. Returns the elements seen.
 */
function checkXml(xml: string): string[] {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const open: string[] = [];
  const seen: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[A-Za-z][\w-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let position = 0;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    position = token.lastIndex;
    const [, closing, name, attributes, selfClosing, text] = match;
    const checked = text ?? attributes ?? '';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(checked)) throw new Error(`forbidden character in ${JSON.stringify(checked)}`);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(checked)) throw new Error(`bare & in ${JSON.stringify(checked)}`);
    if (text !== undefined) {
      if (open.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
      continue;
    }
    const names = [...attributes!.matchAll(/([A-Za-z][\w-]*)=/g)].map((attribute) => attribute[1]);
    if (new Set(names).size !== names.length) throw new Error(`repeated attribute in <${name}>`);
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      seen.push(name!);
      if (!selfClosing) open.push(name!);
    }
  }
  if (position !== body.length) throw new Error(`unparseable at ${position}: ${JSON.stringify(body.slice(position, position + 40))}`);
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  return seen;
}

test('a testsuite per file, a testcase per object, a failure per finding; parse errors are errors', () => {
  const xml = formatJunit(
    lint({ 'deploy/api.yaml': `${DEPLOYMENT}---\n${DEPLOYMENT.replace('namespace: web', 'namespace: prod')}`, 'deploy/broken.yaml': 'kind: [oops\n', 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }),
    context(),
  );
  const failure = (line: number, column: number, severity: string, rule: string, message: string) =>
    `      <failure type="${rule}" message="${message.replace(/"/g, '&quot;')}">deploy/api.yaml:${line}:${column}: ${severity} ${rule}\n${message}\nhttps://example.test/rules/${rule}.md</failure>\n`;
  const objectCase = (namespace: string, offset: number) =>
    `    <testcase classname="deploy/api.yaml" name="Deployment ${namespace}/api" file="deploy/api.yaml">\n` +
    failure(7 + offset, 13, 'warning', 'demo/single-replica', 'Deployment "api" runs one replica.') +
    failure(12 + offset, 18, 'error', 'demo/latest-image', 'Container "api" runs a ":latest" image.') +
    failure(14 + offset, 18, 'error', 'demo/latest-image', 'Container "proxy" runs a ":latest" image.') +
    '    </testcase>\n';
  assert.is(
    xml,
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<testsuites name="kubelore" tests="4" failures="2" errors="1">\n' +
      '  <testsuite name="deploy/api.yaml" tests="2" failures="2" errors="0">\n' +
      objectCase('web', 0) +
      objectCase('prod', 15) +
      '  </testsuite>\n' +
      '  <testsuite name="deploy/broken.yaml" tests="1" failures="0" errors="1">\n' +
      '    <testcase classname="deploy/broken.yaml" name="(file)" file="deploy/broken.yaml">\n' +
      '      <error type="kubelore/parse-error" message="YAML syntax error (BAD_INDENT) at line 2, column 1: a flow list (`[ … ]`) in a block is not indented past its key or not closed with `]`.">' +
      'deploy/broken.yaml:2:1: error kubelore/parse-error\nYAML syntax error (BAD_INDENT) at line 2, column 1: a flow list (`[ … ]`) in a block is not indented past its key or not closed with `]`.</error>\n' +
      '    </testcase>\n' +
      '  </testsuite>\n' +
      '  <testsuite name="ok.yaml" tests="1" failures="0" errors="0">\n' +
      '    <testcase classname="ok.yaml" name="(no findings)" file="ok.yaml"/>\n' +
      '  </testsuite>\n' +
      '</testsuites>\n',
  );
  assert.equal(checkXml(xml).filter((name) => name !== 'failure'), ['testsuites', 'testsuite', 'testcase', 'testcase', 'testsuite', 'testcase', 'error', 'testsuite', 'testcase']);
});

test('escaping keeps the XML well formed: markup characters, quotes, newlines and forbidden control characters', () => {
  assert.is(escapeXmlText('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
  assert.is(escapeXmlAttribute('say "hi"\n\'there\'\t\u0001'), 'say &quot;hi&quot;&#10;&apos;there&apos;&#9;\\x01');
  assert.is(escapeXmlText('lone \uD800 surrogate, pair \uD83D\uDE00 kept'), 'lone \uFFFD surrogate, pair \uD83D\uDE00 kept');
  const result: LintResult = {
    filePath: 'a&b <c>.yaml',
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [
      {
        ruleId: 'x/y',
        severity: 2,
        message: 'Value "<%= x %>" & \u0007bell\nnext',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'a&b', document: 0 },
        fix: null,
        suggestions: [],
      },
    ],
  };
  const xml = formatJunit([result], context());
  assert.equal(checkXml(xml), ['testsuites', 'testsuite', 'testcase', 'failure']);
  assert.match(xml, /<testsuite name="a&amp;b &lt;c&gt;\.yaml"/);
  assert.match(xml, /message="Value &quot;&lt;%= x %&gt;&quot; &amp; \\x07bell&#10;next">a&amp;b &lt;c&gt;\.yaml:1:1: error x\/y\nValue "&lt;%= x %&gt;" &amp; \\x07bell\nnext<\/failure>/);
  assert.throws(() => checkXml('<a x="1"><b></a>'), /closes nothing open/, 'the checker itself rejects broken XML');
  assert.throws(() => checkXml('<a>&</a>'), /bare &/);
});

test.run();
