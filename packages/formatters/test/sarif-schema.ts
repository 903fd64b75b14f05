// Validates SARIF against the OASIS 2.1.0 schema (see fixtures/README.md for where the copy comes from).
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import type AjvClass from 'ajv-draft-04/dist/index.js';

const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;

// RFC 3986: characters a URI may not carry raw, and a `%` must start a two-digit hex escape.
const URI_CHARACTERS = /^(?:[^\s<>"{}|\\^`%]|%[0-9A-Fa-f]{2})*$/;
const formats = {
  uri: (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URI_CHARACTERS.test(value),
  'uri-reference': (value: string) => URI_CHARACTERS.test(value),
  'date-time': (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value),
};

// A CommonJS package: under Node's ESM rules its default import is `module.exports`, whose `default` is the class.
const Ajv = (AjvModule as unknown as { default: typeof AjvClass.default }).default;
const ajv = new Ajv({ allErrors: true, strict: false, formats });
const validate = ajv.compile(schema);

/** The schema's complaints about `log`, one line each; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
