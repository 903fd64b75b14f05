import { defineRule, editorFor, isPatchInInput, joinPointer, kubectlReadingAt, type Resource } from '@kubelore/core';
import { applyScopeOf, applyUnits } from '@kubelore/plugin-references';
import { customSchemaFor } from '../crds.js';
import { definitionsFor, type Schema } from '../data.js';
import { serverProblems, withServerEnums } from '../server-checks.js';
import { validate, type ReadAs, type SchemaProblem } from '../validate.js';

// Past this many problems an object is probably not what we think it is; more findings would only bury it.
const MAX_PROBLEMS_PER_OBJECT = 20;

/** A missing, empty or non-matching workload selector: what kustomize's selector labels change. */
function isSelectorProblem(problem: SchemaProblem): boolean {
  if (problem.kind === 'selectorMismatch' || problem.kind === 'emptySelector') return true;
  return problem.kind === 'required' && problem.data.field === 'selector' && problem.pointer.endsWith('/spec');
}

/**
 * An anchored `yes` that aliases repeat is one scalar to quote: one finding, at the anchor (where a
 * finding through an alias points too), from the field that holds it rather than an alias when there is one.
 */
function onePerScalar(problems: SchemaProblem[]): SchemaProblem[] {
  const chosen = new Map<number, SchemaProblem>();
  for (const problem of problems) {
    if (!problem.quote) continue;
    const seen = chosen.get(problem.quote.range[0]);
    if (!seen || (seen.quote!.alias && !problem.quote.alias)) chosen.set(problem.quote.range[0], problem);
  }
  return problems.filter((problem) => !problem.quote || chosen.get(problem.quote.range[0]) === problem);
}

/**
 * Each release's definitions with the server's enums, built as they are first asked for, behind one
 * resolver per release: the validator keeps what a reference resolved to by resolver, so it must be the
 * same function for every file.
 */
const resolverByApi = new WeakMap<object, (name: string) => Schema | undefined>();

function resolverOf(api: ReturnType<typeof definitionsFor>): (name: string) => Schema | undefined {
  let resolve = resolverByApi.get(api);
  if (!resolve) {
    const withEnums = new Map<string, Schema | undefined>();
    resolve = (name: string) => {
      if (!withEnums.has(name)) {
        const schema = api.byName.get(name);
        withEnums.set(name, schema && withServerEnums(name, schema));
      }
      return withEnums.get(name);
    };
    resolverByApi.set(api, resolve);
  }
  return resolve;
}

// What a custom resource's schema refers to: CRD schemas have no references to resolve.
const noDefinitions = () => undefined;

// The fields a CRD's schema leaves implicit: every object has them, the API server checks them itself.
const IMPLICIT_FIELDS = ['apiVersion', 'kind', 'metadata'];
const customRoots = new WeakMap<Schema, Schema>();

/**
 * A CRD version's schema without the implicit fields, made once per schema rather than per object: the
 * validator keeps what it read of a schema on the schema object, which a new root per object threw away.
 */
function customRoot(schema: Schema): Schema {
  let root = customRoots.get(schema);
  if (!root) {
    root = { ...schema, properties: { ...schema.properties } };
    for (const implicit of IMPLICIT_FIELDS) delete root.properties![implicit];
    root.required = schema.required?.filter((field) => !IMPLICIT_FIELDS.includes(field));
    customRoots.set(schema, root);
  }
  return root;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description:
        'an object that does not match the OpenAPI schema of its kind at the target Kubernetes version (unknown fields included), or of a CRD in the linted files, read as kubectl reads YAML (an unquoted `yes` is a boolean, `0644` is 420)',
      story:
        'a misspelt field (`livenessprobe`) is valid YAML; a lenient apply drops it silently and the pod runs without the probe, while a strict one rejects the deploy.',
      recommended: true,
    },
    fixable: 'code',
    messages: {
      unknown: 'Unknown field `{{field}}` in {{owner}}{{suggestion}} The API server rejects it, or silently drops it under lenient validation.',
      type: '`{{field}}` in {{owner}} must be {{expected}}, not {{actual}}.',
      unquoted: '`{{text}}` is unquoted: kubectl reads it as {{sent}} (YAML 1.1) and the API server rejects {{actual}} here, where {{expected}} is expected. Quote it: {{quoted}}.',
      octal:
        '`{{field}}` in {{owner}} is written `{{text}}`: kubectl reads a leading zero as octal (YAML 1.1), so the API server gets {{sent}}, not {{written}}. Write `{{written}}` if {{written}} is meant.',
      required: '{{owner}} is missing the required field `{{field}}`.',
      enum: '`{{field}}` in {{owner}} must be one of {{allowed}}.',
      minimum: '`{{field}}` in {{owner}} must be at least {{minimum}}, not {{value}}: the API server rejects it.',
      percent: '`{{field}}` in {{owner}} is {{value}}: the API server rejects a percentage over 100%.',
      fileMode: '`{{field}}` in {{owner}} is {{value}}: the API server rejects a file mode outside 0 to 0777 (511).{{hint}}',
      exclusive: '{{owner}} sets both `{{field}}` and `{{other}}`: the API server accepts only one of them.',
      onlyWith: '`{{field}}` in {{owner}} can only be set when `{{other}}` is {{value}}: the API server rejects it otherwise.',
      selectorMismatch: '`selector` does not match the labels of the pod template: the API server rejects a {{kind}} that would not own its own pods.',
      emptySelector: '`selector` is empty: the API server rejects a {{kind}} whose selector selects every pod.',
    },
    visits: ['*'],
  },
  create(context) {
    const api = definitionsFor(context.settings.kubernetesVersion);
    // create runs once per file; the definitions with the server's enums are built once per release.
    const resolve = resolverOf(api);
    return {
      '*'(resource: Resource) {
        // Kustomize patches are partial objects by design: named so (`*-patch.yaml`, `patches/`), with
        // `$patch` inside, or listed as a patch by a kustomization of the input.
        if (isPatchInInput(context.index, resource)) return;
        const problems: SchemaProblem[] = [];
        // Scalars as kubectl reads them (YAML 1.1): an unquoted `yes` is a boolean, `0644` is 420.
        const readAs: ReadAs = (pointer, value) => kubectlReadingAt(resource, pointer, value);
        const builtIn = api.schemaOfKind(resource.apiVersion, resource.kind);
        if (builtIn) {
          validate(resource.object, builtIn, resource.pointer, resource.kind, resolve, problems, readAs);
          // Checks the API server makes that the schema does not state; a field already wrong is not judged twice.
          // Nearly every object has none of them: the table of reported fields only when there is one.
          const server = serverProblems(resource, readAs, context.index.podViewOf(resource));
          if (server.length > 0) {
            const reported = new Set(problems.map((problem) => problem.pointer));
            for (const problem of server) if (!reported.has(problem.pointer)) problems.push(problem);
          }
        } else {
          const chosen = customSchemaFor(resource, context.index, applyUnits(context.index, applyScopeOf(context.settings)));
          if (!chosen) return;
          // apiVersion, kind and metadata are implicit in a CRD's schema.
          const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = resource.object;
          validate(rest, customRoot(chosen.schema), resource.pointer, resource.kind, noDefinitions, problems, readAs);
          // A CRD applied elsewhere may be an older or newer release than the cluster's: fields and enum
          // values come and go between releases, required fields and types rarely change.
          if (!chosen.applied) problems.splice(0, problems.length, ...problems.filter((problem) => problem.kind !== 'unknown' && problem.kind !== 'enum'));
        }
        // A chainsaw or kuttl step is applied over the object an earlier step created (a merge): a field
        // it leaves out is the live object's, so only the fields it writes can be judged.
        if (context.index.isTestStep(resource)) problems.splice(0, problems.length, ...problems.filter((problem) => problem.kind !== 'required' && problem.kind !== 'emptySelector'));
        // A kustomization with `commonLabels` (or `labels` with `includeSelectors`) writes the selector and
        // the template's labels as it builds the file: what the file lacks there, kustomize supplies.
        else if (problems.some(isSelectorProblem) && applyUnits(context.index, applyScopeOf(context.settings)).kustomizeLabelsSelectors(resource)) {
          problems.splice(0, problems.length, ...problems.filter((problem) => !isSelectorProblem(problem)));
        }
        for (const problem of onePerScalar(problems).slice(0, MAX_PROBLEMS_PER_OBJECT)) {
          const pointer = problem.pointer || joinPointer(resource.pointer);
          const fix = problem.quote ? editorFor(resource).quoteScalar(pointer) : null;
          // The message shows the quoted text the fix writes (or, without a fix, in double quotes).
          const data = problem.quote ? { ...problem.data, quoted: fix?.text ?? JSON.stringify(problem.data.text) } : problem.data;
          context.report({ node: resource, pointer, at: problem.at, messageId: problem.kind, data, fix });
        }
      },
    };
  },
});
