import { applyEdit, applyFixes, formatMessage, Linter, validateRuleOptions, type LintMessage, type Plugin, type Rule, type Settings } from '@kubelore/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

export interface ValidCase {
  /** The file under test. */
  code: string;
  /**
   * Other files linted with it, by path, for cross-file rules (a Service in one file, its Deployment in
   * another). Only findings in `code` are checked; the other files must be clean of other rules' problems.
   */
  files?: Record<string, string>;
  /** Run only the cases marked `only` (uvu's `.only`): for debugging, never to commit. */
  only?: boolean;
  /** Shown as the test's title; defaults to the first line of the code. */
  name?: string;
  options?: Record<string, unknown>;
  settings?: Partial<Settings>;
  filename?: string;
}

export interface ExpectedSuggestion {
  desc: string;
  output: string;
}

export interface ExpectedError {
  messageId: string;
  /** The exact rendered message. */
  message?: string;
  /** Placeholder values; the rendered message is checked against them. */
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The JSON pointer of the finding. */
  path?: string;
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after applying the rule's fixes; required when the rule fixes this case, `null` to assert no fix. */
  output?: string | null;
}

export interface RuleTesterConfig {
  settings?: Partial<Settings>;
  /** Other plugins the code may need (rarely: rules are tested alone). */
  plugins?: Record<string, Plugin>;
}

function caseKey(test: ValidCase): string {
  return JSON.stringify([test.code, test.files ?? null, test.options ?? null, test.settings ?? null, test.filename ?? null]);
}

/** Freezes a plain value and everything in it, so a rule that mutates what it sees throws in its tests. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** `{{name}}` placeholders of a message template. */
function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[0]);
}

function caseTitle(kind: 'valid' | 'invalid', position: number, test: ValidCase): string {
  const title = test.name ?? test.code.trim().split('\n').slice(0, 3).join(' ').slice(0, 70);
  return `${kind} #${position}: ${title}`;
}

function describeMessage(message: LintMessage): string {
  return `${message.line}:${message.column} ${message.ruleId ?? '(fatal)'} [${message.messageId ?? '-'}] ${message.message}`;
}

/**
 * ESLint's RuleTester, strict as it is: every expected error names its message id, line and column;
 * unexpected errors, input that does not parse and duplicate cases all fail.
 */
export class RuleTester {
  constructor(private readonly config: RuleTesterConfig = {}) {}

  run(ruleId: string, rule: Rule<string, any>, tests: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }): void {
    const slash = ruleId.lastIndexOf('/');
    if (slash <= 0) throw new Error(`RuleTester: rule id "${ruleId}" must look like "plugin/rule".`);
    const prefix = ruleId.slice(0, slash);
    const plugin: Plugin = { meta: { name: prefix }, rules: { [ruleId.slice(slash + 1)]: rule } };
    const linter = new Linter({ freezeValues: deepFreeze });
    const lint = (test: ValidCase): LintMessage[] => {
      const configs = [
        {
          plugins: { ...this.config.plugins, [prefix]: plugin },
          rules: { [ruleId]: (test.options ? ['error', test.options] : 'error') as never },
          settings: { ...this.config.settings, ...test.settings },
        },
      ];
      const filePath = test.filename ?? 'test.yaml';
      const others = Object.entries(test.files ?? {}).map(([path, text]) => ({ filePath: path, text }));
      if (others.some((other) => other.filePath === filePath)) throw new Error(`RuleTester: "files" repeats the path of the file under test (${filePath})`);
      const results = linter.lint([{ filePath, text: test.code }, ...others], configs);
      const context = results.filter((result) => result.filePath !== filePath).flatMap((result) => result.messages.filter((message) => message.ruleId !== ruleId));
      if (context.length > 0) assert.unreachable(`the other files of the case have problems of their own:\n  ${context.map(describeMessage).join('\n  ')}`);
      return results.find((result) => result.filePath === filePath)?.messages ?? [];
    };
    const checkInput = (messages: LintMessage[]) => {
      const other = messages.filter((message) => message.ruleId !== ruleId);
      if (other.length > 0) assert.unreachable(`the test code has problems of its own:\n  ${other.map(describeMessage).join('\n  ')}`);
      return messages;
    };

    // A fix must leave valid YAML and make its finding go away, or it is not a fix.
    const assertFixed = (test: ValidCase, output: string, before: number, label: string) => {
      const after = lint({ ...test, code: output });
      const broken = after.filter((message) => message.ruleId !== ruleId);
      if (broken.length > 0) assert.unreachable(`${label} has problems of its own:\n  ${broken.map(describeMessage).join('\n  ')}`);
      assert.ok(after.length < before, `${label} still reports ${after.length} finding(s):\n  ${after.map(describeMessage).join('\n  ')}`);
    };

    const tests$ = suite(ruleId);
    tests$('rule meta is complete', () => {
      assert.ok(rule.meta.docs?.description, 'meta.docs.description is required');
      assert.ok(rule.meta.docs?.story, 'meta.docs.story (the failure the rule prevents) is required');
      assert.ok(Object.keys(rule.meta.messages ?? {}).length > 0, 'meta.messages must declare at least one message');
      assert.ok(tests.invalid.length > 0, 'a rule needs at least one invalid case');
      assert.ok(tests.valid.length > 0, 'a rule needs at least one valid case');
    });
    // The strict preset passes meta.strictOptions unvalidated (resolveRuleOptions): they are checked here.
    if (rule.meta.strictOptions !== undefined) {
      tests$('meta.strictOptions match the rule\'s schema', () => {
        validateRuleOptions(ruleId, rule, rule.meta.strictOptions);
      });
    }

    const seen = new Set<string>();
    const register = (kind: 'valid' | 'invalid', position: number, test: ValidCase) => {
      const key = caseKey(test);
      const duplicate = seen.has(key);
      seen.add(key);
      return { title: caseTitle(kind, position, test), duplicate };
    };

    tests.valid.forEach((entry, position) => {
      const test = typeof entry === 'string' ? { code: entry } : entry;
      const { title, duplicate } = register('valid', position, test);
      (test.only ? tests$.only : tests$)(title, () => {
        assert.not.ok(duplicate, 'duplicate test case');
        const messages = checkInput(lint(test));
        if (messages.length > 0) assert.unreachable(`expected no errors, got:\n  ${messages.map(describeMessage).join('\n  ')}`);
      });
    });

    tests.invalid.forEach((test, position) => {
      const { title, duplicate } = register('invalid', position, test);
      (test.only ? tests$.only : tests$)(title, () => {
        assert.not.ok(duplicate, 'duplicate test case');
        assert.ok(Array.isArray(test.errors) && test.errors.length > 0, 'an invalid case must list the errors it expects');
        const messages = checkInput(lint(test));
        assert.is(
          messages.length,
          test.errors.length,
          `expected ${test.errors.length} error(s), got ${messages.length}:\n  ${messages.map(describeMessage).join('\n  ')}`,
        );
        test.errors.forEach((expected, i) => {
          const actual = messages[i]!;
          const label = `error #${i} (${describeMessage(actual)})`;
          assert.ok(expected.messageId, `${label}: expected errors must name a messageId`);
          assert.ok(expected.messageId in rule.meta.messages, `${label}: unknown messageId "${expected.messageId}"`);
          assert.type(expected.line, 'number', `${label}: expected errors must give a line`);
          assert.type(expected.column, 'number', `${label}: expected errors must give a column`);
          assert.is(actual.messageId, expected.messageId, `${label}: messageId`);
          for (const placeholder of placeholdersOf(rule.meta.messages[expected.messageId]!)) {
            assert.not.ok(actual.message.includes(placeholder), `${label}: the rule left ${placeholder} unfilled (pass it in data)`);
          }
          if (actual.suggestions.length > 0) assert.ok(rule.meta.hasSuggestions, `${label}: the rule suggests fixes but meta.hasSuggestions is not true`);
          assert.is(actual.line, expected.line, `${label}: line`);
          assert.is(actual.column, expected.column, `${label}: column`);
          if (expected.endLine !== undefined) assert.is(actual.endLine, expected.endLine, `${label}: endLine`);
          if (expected.endColumn !== undefined) assert.is(actual.endColumn, expected.endColumn, `${label}: endColumn`);
          if (expected.message !== undefined) assert.is(actual.message, expected.message, `${label}: message`);
          if (expected.data !== undefined) {
            const rendered = formatMessage(rule.meta.messages[expected.messageId]!, expected.data);
            assert.is(actual.message, rendered, `${label}: message rendered from data`);
          }
          if (expected.path !== undefined) assert.is(actual.path, expected.path, `${label}: path`);
          if (expected.suggestions !== undefined) {
            assert.is(actual.suggestions.length, expected.suggestions.length, `${label}: number of suggestions`);
            expected.suggestions.forEach((suggestion, s) => {
              assert.is(actual.suggestions[s]!.desc, suggestion.desc, `${label}: suggestion #${s} desc`);
              const suggested = applyEdit(test.code, actual.suggestions[s]!.fix);
              assert.is(suggested, suggestion.output, `${label}: suggestion #${s} output`);
              assertFixed(test, suggested, messages.length, `${label}: suggestion #${s}`);
            });
          } else if (actual.suggestions.length > 0) {
            assert.unreachable(`${label}: the rule suggests fixes; list them in "suggestions"`);
          }
        });
        const hasFix = messages.some((message) => message.fix);
        if (hasFix) {
          assert.ok(test.output !== undefined, 'the rule fixed this case: declare the expected "output"');
          assert.ok(rule.meta.fixable, 'the rule produced a fix but meta.fixable is not set');
          const fixed = applyFixes(test.code, messages).output;
          assert.is(fixed, test.output, 'fixed output');
          assertFixed(test, fixed, messages.length, 'the fixed output');
        } else if (typeof test.output === 'string') {
          assert.unreachable('expected a fix ("output"), but the rule fixed nothing');
        }
      });
    });
    tests$.run();
  }
}
export { marked, type Marked, type MarkedPosition } from './marked.js';
export { FIRST_CONTAINER, SERVICE, WORKLOAD_KINDS, workload, type WorkloadKind } from './workloads.js';
