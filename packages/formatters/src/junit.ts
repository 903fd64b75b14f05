import type { LintMessage, LintResult, ResourceRef } from '@kubelore/core';
import { ruleIdOf } from '@kubelore/core';
import type { FormatterContext } from './index.js';
import { printable } from './printable.js';

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  // Readers show the text in CI pages and logs: control characters (ESC, a bare CR) become visible escapes.
  return printable(text).replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: quotes too, and whitespace as references so parsers do not fold it into spaces. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** `Deployment web/api`, `ClusterRole admin`, or the document's position when the object has no name. */
function objectName(resource: ResourceRef): string {
  const name = resource.name ?? `(document ${resource.document + 1})`;
  return resource.namespace ? `${resource.kind} ${resource.namespace}/${name}` : `${resource.kind} ${name}`;
}

interface TestCase {
  name: string;
  messages: LintMessage[];
}

/** Findings grouped by the object they are about; findings about no object (unreadable input) form their own case. */
function testCasesOf(result: LintResult): TestCase[] {
  const cases = new Map<string, TestCase>();
  for (const message of result.messages) {
    const { resource } = message;
    const key = resource ? `${resource.document}\u0000${resource.apiVersion}\u0000${objectName(resource)}` : '';
    const name = resource ? objectName(resource) : '(file)';
    let testCase = cases.get(key);
    if (!testCase) cases.set(key, (testCase = { name, messages: [] }));
    testCase.messages.push(message);
  }
  return [...cases.values()];
}

function failureElement(message: LintMessage, filePath: string, context: FormatterContext): string {
  const ruleId = ruleIdOf(message);
  // Unreadable input is an error of the test itself, not a failed check.
  const element = message.fatal ? 'error' : 'failure';
  const severity = message.severity === 2 ? 'error' : 'warning';
  const url = message.ruleId ? context.rules.get(message.ruleId)?.meta.docs.url : undefined;
  const body = [`${filePath}:${message.line}:${message.column}: ${severity} ${ruleId}`, message.message, ...(url ? [url] : [])].join('\n');
  return `      <${element} type="${escapeXmlAttribute(ruleId)}" message="${escapeXmlAttribute(message.message)}">${escapeXmlText(body)}</${element}>\n`;
}

/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): a `testsuite` per
 * file, a `testcase` per object with findings, a `failure` per finding. A file without findings is one
 * passing test case, since the results do not list the objects that passed.
 */
export function formatJunit(results: readonly LintResult[], context: FormatterContext): string {
  let body = '';
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  for (const result of results) {
    const cases = testCasesOf(result);
    // Counts are of test cases, as JUnit readers expect: a case with an unreadable part is an error.
    const errors = cases.filter((testCase) => testCase.messages.some((message) => message.fatal)).length;
    const failures = cases.length - errors;
    const tests = Math.max(1, cases.length);
    totalTests += tests;
    totalFailures += failures;
    totalErrors += errors;
    const file = escapeXmlAttribute(result.filePath);
    body += `  <testsuite name="${file}" tests="${tests}" failures="${failures}" errors="${errors}">\n`;
    if (cases.length === 0) body += `    <testcase classname="${file}" name="(no findings)" file="${file}"/>\n`;
    for (const testCase of cases) {
      body += `    <testcase classname="${file}" name="${escapeXmlAttribute(testCase.name)}" file="${file}">\n`;
      for (const message of testCase.messages) body += failureElement(message, result.filePath, context);
      body += '    </testcase>\n';
    }
    body += '  </testsuite>\n';
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="kubelore" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}">\n${body}</testsuites>\n`
  );
}
