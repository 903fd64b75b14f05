/**
 * Whether a YAML document's text looks like Kubernetes objects: a `kind:` and an `apiVersion:` key at the
 * start of a line (after indentation or a list dash) or quoted anywhere (a flow mapping on one line), as
 * kubelore's folder walk asks for `kind` alone,
 * plus `apiVersion` so that other YAML with a `kind` key (CI configs, docker-compose) is left alone.
 * Helm templates are text, not manifests, until rendered; they are left out too.
 */
export function looksLikeKubernetes(text: string, path = ''): boolean {
  if (/(^|[\\/])templates[\\/]/.test(path) && text.includes('{{')) return false;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const key = (name: string) => new RegExp(`^[ \\t-]*["']?${name}["']?[ \\t]*:|"${name}"\\s*:`, 'm').test(head);
  return key('kind') && key('apiVersion');
}
