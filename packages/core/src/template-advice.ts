// What a `kubelore/unrendered-template` finding tells the user to do. Only a Helm chart's template is
// fixed by rendering it (`helm template`); `{{ … }}` of another tool (an Argo parameter, a placeholder a
// script fills in) that starts an unquoted value is fixed by quoting it: YAML, kubectl's go-yaml
// included, reads an unquoted value starting with `{` as a flow mapping, not as text.

/** Syntax only Helm (its Go templates, its chart objects and Sprig helpers) writes. */
const HELM_ONLY = /\{\{-|-\}\}|\.(?:Values|Release|Chart|Capabilities|Files)\b|\binclude\s+"|\b(?:toYaml|nindent|tpl)\b/;

/** A file in a chart's `templates/` folder. (Core reads no files, so the Chart.yaml beside it is not checked.) */
const CHART_TEMPLATE_PATH = /(?:^|[\\/])templates[\\/]/;

/** Values longer than this are not repeated in the message. */
const MAX_QUOTED = 60;

/** Whether the template syntax in `documentText` is a Helm chart's: in a `templates/` folder, or Helm-only syntax. */
export function isHelmTemplate(path: string, documentText: string): boolean {
  return CHART_TEMPLATE_PATH.test(path) || HELM_ONLY.test(documentText);
}

/** The value written from `{{` to the end of its line (before a comment), when `{{` starts a block or flow value. */
function unquotedValueAt(text: string, offset: number): string | undefined {
  if (!text.startsWith('{{', offset)) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const line = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, '');
  const column = offset - lineStart;
  // After `key: `, `- ` (a list item) or inside a flow sequence: where a value starts.
  if (!/(?:[^\s]:|^[ \t]*-|[[,])[ \t]+$|[[,]$/.test(line.slice(0, column))) return undefined;
  return line.slice(column).replace(/[ \t]+#.*$/, '').trimEnd();
}

function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/**
 * The message of a document skipped for template syntax at `offset`: render the chart (Helm), quote the
 * value (an unquoted `{{ … }}` of another tool), or render with the tool that owns the template.
 */
export function unrenderedTemplateMessage(path: string, text: string, offset: number, documentStart: number, documentEnd: number): string {
  if (isHelmTemplate(path, text.slice(documentStart, documentEnd))) {
    return 'Document skipped: Helm template syntax (`{{ … }}`) outside a value shapes it, so what it holds is known only once rendered. Render the chart (`helm template`), then lint the output.';
  }
  const value = unquotedValueAt(text, offset);
  if (value !== undefined) {
    const shown = value.length <= MAX_QUOTED ? ` \`${value}\`` : '';
    const fix = value.length <= MAX_QUOTED ? `: ${quoted(value)}` : ' in double quotes';
    return `Document skipped: the unquoted value${shown} starts with \`{\`, so YAML (and kubectl) read it as a flow mapping, not as text. Quote the value${fix}.`;
  }
  return 'Document skipped: template syntax (`{{ … }}`) outside a value shapes it, so what it holds is known only once rendered. Render it with the tool that owns the template, then lint the output.';
}
