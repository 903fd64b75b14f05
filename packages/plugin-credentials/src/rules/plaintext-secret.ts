import { containersOf, defineRule, isPlainObject, joinPointer, type ReportNode, type Resource } from '@kubelore/core';
import { detectSecret, isPlaceholder, looksSecretName } from '../detectors.js';

const DOCS_NOTE = " (AWS's documentation example key: replace it anyway, example keys teach people to paste real ones)";

/** `--password=x` → ['password', 'x']; anything else → [previous flag or '', item]. */
function argNameAndValue(items: readonly unknown[], index: number): [string, string] {
  const item = String(items[index]);
  const flag = /^--?([\w.-]+)=(.*)$/s.exec(item);
  if (flag) return [flag[1]!, flag[2]!];
  const previous = index > 0 ? /^--?([\w.-]+)$/.exec(String(items[index - 1])) : null;
  return [previous?.[1] ?? '', item];
}

function decodeBase64(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return undefined;
  let text: string;
  try {
    // atob and TextDecoder rather than Buffer: plugins run outside Node too (a browser, a webhook).
    text = new TextDecoder().decode(Uint8Array.from(atob(value.replace(/\s/g, '')), (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
  // Binary data (certificates in DER, keystores) decodes to control characters: nothing to read.
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? undefined : text;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'cloud keys, private keys, tokens and passwords written in clear in env values, args, ConfigMaps, annotations or Secret `stringData`',
      story:
        'a credential committed to a repository is readable by everyone who can read the repository, its forks and its CI logs, for as long as the history exists; it has to be rotated, not just deleted.',
      recommended: true,
    },
    messages: {
      found: '{{kind}} in {{where}}{{note}}. Move it to a Secret kept out of git (External Secrets, Sealed Secrets, SOPS) and rotate it; the value is not shown here.',
      stringData:
        'Secret "{{name}}" holds "{{key}}" in clear in `stringData`: anyone who can read the repository can read it. Keep Secrets out of git (Sealed Secrets, External Secrets, SOPS); the value is not shown here.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    security: 9.0,
    reportsSecretValues: true,
  },
  create(context) {
    const check = (node: ReportNode, value: unknown, name: string, pointer: string, where: string) => {
      if (typeof value !== 'string' || isPlaceholder(value)) return;
      const match = detectSecret(value, name);
      if (!match) return;
      context.report({
        node,
        pointer,
        messageId: 'found',
        data: { kind: capitalise(match.detector.kind), where, note: match.documentationExample ? DOCS_NOTE : '' },
      });
    };
    const checkMap = (resource: Resource, map: unknown, pointer: string, describe: (key: string) => string, decode = false) => {
      if (!isPlainObject(map)) return;
      for (const [key, value] of Object.entries(map)) {
        const text = decode ? decodeBase64(value) : value;
        check(resource, text, key, joinPointer(pointer, key), describe(key));
      }
    };
    return {
      '*'(resource) {
        checkMap(resource, resource.metadata.annotations, joinPointer(resource.pointer, 'metadata', 'annotations'), (key) => `annotation "${key}"`);
      },
      ConfigMap(resource: Resource) {
        checkMap(resource, resource.object.data, joinPointer(resource.pointer, 'data'), (key) => `ConfigMap data "${key}"`);
        checkMap(resource, resource.object.binaryData, joinPointer(resource.pointer, 'binaryData'), (key) => `ConfigMap binaryData "${key}"`, true);
      },
      Secret(resource: Resource) {
        const stringData = resource.object.stringData;
        if (isPlainObject(stringData)) {
          for (const [key, value] of Object.entries(stringData)) {
            if (typeof value !== 'string' || isPlaceholder(value)) continue;
            // A repository URL or a username in stringData is configuration; a password or a key is the leak.
            if (!looksSecretName(key) && !detectSecret(value, key)) continue;
            context.report({ node: resource, pointer: joinPointer(resource.pointer, 'stringData', key), messageId: 'stringData', data: { name: resource.name ?? '(unnamed)', key } });
          }
        }
        checkMap(resource, resource.object.data, joinPointer(resource.pointer, 'data'), (key) => `Secret data "${key}" (base64 is an encoding, not encryption)`, true);
      },
      PodSpec(pod) {
        for (const view of containersOf(pod)) {
          const container = `container "${view.name}"`;
          (view.container.env ?? []).forEach((variable, i) => {
            check(view, variable.value, variable.name, joinPointer(view.pointer, 'env', i, 'value'), `env "${variable.name}" of ${container}`);
          });
          for (const field of ['command', 'args'] as const) {
            const items = view.container[field] ?? [];
            items.forEach((_, i) => {
              const [name, value] = argNameAndValue(items, i);
              check(view, value, name, joinPointer(view.pointer, field, i), `${field}[${i}] of ${container}`);
            });
          }
        }
      },
    };
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
