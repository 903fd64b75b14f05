import type { LintResult } from '@kubelore/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeCommandData, escapeCommandProperty, formatGithub } from '../src/index.js';
import { context, DEPLOYMENT, lint } from './sample.js';

// The shape GitHub's runner parses: `::command key=value,key=value::message`, one line, nothing unescaped.
const COMMAND = /^::(error|warning) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;

test('one workflow command per finding, errors and warnings, with position and the rule id as title', () => {
  const output = formatGithub(lint({ 'deploy/api.yaml': DEPLOYMENT, 'deploy/broken.yaml': 'kind: [oops\n' }), context());
  assert.is(
    output,
    '::warning file=deploy/api.yaml,line=7,col=13,endLine=7,endColumn=14,title=demo/single-replica::Deployment "api" runs one replica.\n' +
      '::error file=deploy/api.yaml,line=12,col=18,endLine=12,endColumn=41,title=demo/latest-image::Container "api" runs a ":latest" image.\n' +
      '::error file=deploy/api.yaml,line=14,col=18,endLine=14,endColumn=41,title=demo/latest-image::Container "proxy" runs a ":latest" image.\n' +
      '::error file=deploy/broken.yaml,line=2,col=1,endLine=2,endColumn=2,title=kubelore/parse-error::YAML syntax error (BAD_INDENT) at line 2, column 1: a flow list (`[ … ]`) in a block is not indented past its key or not closed with `]`.\n',
  );
  for (const line of output.trimEnd().split('\n')) assert.match(line, COMMAND);
});

test('escaping: % CR LF in messages; also : and , in properties', () => {
  assert.is(escapeCommandData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
  assert.is(escapeCommandProperty('C:\\x,y%\n'), 'C%3A\\x%2Cy%25%0A');
  const result: LintResult = {
    filePath: 'odd,dir/a:b%.yaml',
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'x/y,z', severity: 2, message: 'Line one: 50%\nline two, done\r', line: 3, column: 5, endLine: 3, endColumn: 9, fix: null, suggestions: [] }],
  };
  const output = formatGithub([result], context());
  assert.is(output, '::error file=odd%2Cdir/a%3Ab%25.yaml,line=3,col=5,endLine=3,endColumn=9,title=x/y%2Cz::Line one: 50%25%0Aline two, done%0D\n');
  assert.match(output.trimEnd(), COMMAND);
});

test('a range over several lines gives no columns, which the runner takes only on one line', () => {
  const result: LintResult = {
    filePath: 'a.yaml',
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'x/y', severity: 1, message: 'm', line: 3, column: 5, endLine: 6, endColumn: 2, fix: null, suggestions: [] }],
  };
  assert.is(formatGithub([result], context()), '::warning file=a.yaml,line=3,endLine=6,title=x/y::m\n');
});

test('paths are relative to the repository root, not the working folder; a clean run prints nothing', () => {
  const output = formatGithub(lint({ 'k8s/api.yaml': DEPLOYMENT }), context({ cwd: '/repo/services/shop', options: { srcRoot: '/repo' } }));
  assert.match(output, /^::warning file=services\/shop\/k8s\/api\.yaml,line=7,/);
  assert.is(formatGithub(lint({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }), context()), '');
});

test.run();
