import { applyEdit, IGNORE_ANNOTATION, isIgnoredByAnnotation, isPlainObject, joinPointer, YamlEditor, type LintMessage, type Resource, type TextEdit } from '@kubelore/core';
import { modelResources, parseSourceFile } from '@kubelore/core/internal';

/** What the inserted annotation and comment say for the reason: the author replaces it. */
export const REASON_PLACEHOLDER = 'reason';

function parse(text: string) {
  const source = parseSourceFile('<edit>', text);
  return { source, resources: modelResources(source, 'default').resources };
}

/** The object a message is about, in a fresh parse of the text it was found in. */
function objectOf(resources: readonly Resource[], message: LintMessage): Resource | undefined {
  const document = message.resource?.document;
  if (document === undefined) return undefined;
  const candidates = resources.filter((resource) => resource.documentIndex === document);
  const path = message.path ?? '';
  // A List's items share a document: the one whose pointer the finding's path is under.
  return candidates.filter((resource) => path === resource.pointer || path.startsWith(`${resource.pointer}/`)).sort((a, b) => b.pointer.length - a.pointer.length)[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
}

function annotationValue(existing: string | undefined, ruleId: string): string {
  if (existing === undefined || existing.trim() === '') return `${ruleId} -- ${REASON_PLACEHOLDER}`;
  const split = /\s--(?:\s|$)/.exec(existing);
  const list = (split ? existing.slice(0, split.index) : existing).trim();
  const reason = split ? existing.slice(split.index) : ` -- ${REASON_PLACEHOLDER}`;
  return `${list === '' ? ruleId : `${list}, ${ruleId}`}${reason}`;
}

/**
 * The edit that adds the message's rule to its object's `kubelore.dev/ignore` annotation (creating the
 * annotation, or `annotations`, as needed). Undefined when the object cannot be found or the edit would
 * not do exactly that (checked by parsing the edited text).
 */
export function ignoreAnnotationEdit(text: string, message: LintMessage): TextEdit | undefined {
  if (message.ruleId === null) return undefined;
  const { resources } = parse(text);
  const resource = objectOf(resources, message);
  if (!resource) return undefined;
  const editor = new YamlEditor(resource.source, resource.documentIndex);
  const metadata = joinPointer(resource.pointer, 'metadata');
  const annotations = joinPointer(metadata, 'annotations');
  const existing = resource.metadata.annotations?.[IGNORE_ANNOTATION];
  let edit: TextEdit | null = null;
  if (typeof existing === 'string') edit = editor.setScalar(joinPointer(annotations, IGNORE_ANNOTATION), annotationValue(existing, message.ruleId));
  else if (existing !== undefined) return undefined;
  else if (isPlainObject(resource.object.metadata) && isPlainObject(resource.object.metadata.annotations)) edit = editor.insertKey(annotations, IGNORE_ANNOTATION, annotationValue(undefined, message.ruleId));
  else if (isPlainObject(resource.object.metadata) && resource.object.metadata.annotations === undefined) edit = editor.insertKey(metadata, 'annotations', { [IGNORE_ANNOTATION]: annotationValue(undefined, message.ruleId) });
  if (!edit) return undefined;
  const after = parse(applyEdit(text, edit));
  const edited = objectOf(after.resources, message);
  if (after.source.problems.length > parse(text).source.problems.length || !edited || !isIgnoredByAnnotation(edited, message.ruleId)) return undefined;
  return edit;
}

function documentValues(text: string): string {
  return JSON.stringify(parse(text).source.documents.map((document) => document.value));
}

/**
 * The edit that puts `# kubelore-disable-next-line rule -- reason` above the message's line, at that line's
 * indentation. Undefined where a comment line would change what the YAML says (inside a block scalar).
 */
export function disableNextLineEdit(text: string, message: LintMessage): TextEdit | undefined {
  if (message.ruleId === null || message.line < 1) return undefined;
  let start = 0;
  for (let line = 1; line < message.line; line++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return undefined;
    start = newline + 1;
  }
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edit: TextEdit = { range: [start, start], text: `${indent}# kubelore-disable-next-line ${message.ruleId} -- ${REASON_PLACEHOLDER}${newline}` };
  const edited = applyEdit(text, edit);
  if (documentValues(edited) !== documentValues(text) || parse(edited).source.problems.length > parse(text).source.problems.length) return undefined;
  return edit;
}
