import { defineRule, isPlainObject, joinPointer, valueAt, type ReportNode, type Resource } from '@kubelore/core';
import { listOf } from '../shapes.js';
import { configPairs, isConfigText } from '../config-text.js';
import { detectSecret, isAccessKeyUser, isBooleanLike, isPath, isPlaceholder, looksSecretName, mayHoldCredential, wordsOf } from '../detectors.js';

const DOCS_NOTE = " (AWS's documentation example key: replace it anyway, example keys teach people to paste real ones)";

/** `--password=x` → ['password', 'x']; anything else → [previous flag or '', item]. */
function argNameAndValue(items: readonly unknown[], index: number): [string, string] {
  const item = String(items[index]);
  const flag = /^--?([\w.-]+)=(.*)$/s.exec(item);
  if (flag) return [flag[1]!, flag[2]!];
  const previous = index > 0 ? /^--?([\w.-]+)$/.exec(String(items[index - 1])) : null;
  return [previous?.[1] ?? '', item];
}

const CODE_FILE = /\.(py|js|mjs|cjs|ts|rb|go|java|kt|scala|lua|php|pl|r|cs|rs|c|cc|cpp|h|swift|ipynb)$/i;
const NOT_CREDENTIAL_FILES = new Set(['nsswitch.conf', 'passwd', 'group', 'shadow']);

/** How a finding names a literal under a secret-looking key: "a password", "a token". */
function kindOfName(name: string): string {
  const words = wordsOf(name);
  if (words.some((word) => /^(passw(or)?d|passwd|pass|pwd|pw|passphrase)$/.test(word))) return 'a password';
  if (words.some((word) => /^tokens?$/.test(word))) return 'a token';
  if (words.includes('secret')) return 'a secret';
  if (words.some((word) => /^credentials?$/.test(word))) return 'a credential';
  return 'a key';
}

/** A literal under a secret-looking key, not a reference to one, a switch or a URL without a password. */
function isLiteralSecret(value: string, name: string): boolean {
  const text = value.trim();
  return (
    looksSecretName(name, true) &&
    // Code reads secrets from somewhere: `os.environ["TOKEN"]`, `self.token`, `getenv("X")`.
    !/[()[\]]|^(self|this|os|process|env|config|settings|cfg)\./.test(text) &&
    !isPlaceholder(text, name) &&
    !isPath(text) &&
    !isBooleanLike(text) &&
    !/^\d{1,3}$/.test(text) &&
    !/\$\{[^}]+\}|\$\([\w]+\)|\{\{.*\}\}/.test(text) &&
    !/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(text)
  );
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
    security: 9.0,
    reportsSecretValues: true,
    judgesWrittenValues: true,
    visits: ['*', 'ConfigMap', 'Secret', 'PodSpec', 'Container'],
  },
  create(context) {
    const report = (node: ReportNode, pointer: string, kind: string, where: string, documentationExample = false, within?: [number, number]) => {
      context.report({
        node,
        pointer,
        ...(within ? { within } : {}),
        messageId: 'found',
        data: { kind: capitalise(kind), where, note: documentationExample ? DOCS_NOTE : '' },
      });
    };
    // Nearly no value is a secret, and detecting one is cheaper than deciding it is a placeholder: both
    // are pure, so the placeholder test comes second and runs only on a match.
    const secretIn = (value: string, name: string) => {
      const match = detectSecret(value, name);
      return match && !isPlaceholder(value, name) ? match : undefined;
    };
    // Where a value is and how a finding names it are built only for a finding: nearly no value is one.
    const check = (node: ReportNode, value: unknown, name: string, pointer: () => string, where: () => string) => {
      if (typeof value !== 'string') return;
      const match = secretIn(value, name);
      if (match) report(node, pointer(), match.detector.kind, where(), match.documentationExample);
    };
    /**
     * The credentials inside a configuration file (`password: …`, `client_secret = …`, `bearer_token`),
     * each reported on its own line. Returns whether any was found.
     */
    const checkConfig = (resource: Resource, file: string, text: string, pointer: string, where: (key: string) => string): boolean => {
      // Source code is not configuration (`token=os.environ[…]`); nsswitch's `passwd:` names a database.
      if (CODE_FILE.test(file) || NOT_CREDENTIAL_FILES.has(file)) return false;
      // Most configuration texts (a Grafana dashboard) hold nothing that could be reported: no pairs to read.
      if (!mayHoldCredential(text)) return false;
      let found = false;
      const pairs = configPairs(text);
      const keys = pairs.map((pair) => pair.key);
      for (const pair of pairs) {
        if (isAccessKeyUser(pair.key, pair.value, keys)) continue;
        let match = secretIn(pair.value, pair.key);
        // Randomness alone is evidence only under a key that names a credential in a file (`key:` is a label key).
        if (match?.detector.id === 'high-entropy' && !looksSecretName(pair.key, true)) match = undefined;
        if (!match && !isLiteralSecret(pair.value, pair.key)) continue;
        report(resource, pointer, match ? match.detector.kind : kindOfName(pair.key), where(pair.label ?? pair.key), match?.documentationExample, [pair.start, pair.end]);
        found = true;
      }
      return found;
    };
    const checkMap = (resource: Resource, map: unknown, pointer: string, describe: (key: string) => string, decode = false) => {
      if (!isPlainObject(map)) return;
      for (const [key, value] of Object.entries(map)) {
        const text = decode ? decodeBase64(value) : value;
        check(resource, text, key, () => joinPointer(pointer, key), () => describe(key));
      }
    };
    return {
      '*'(resource) {
        // Most objects have no annotations: no pointer to build for them.
        const annotations = resource.metadata.annotations;
        if (isPlainObject(annotations)) checkMap(resource, annotations, joinPointer(resource.pointer, 'metadata', 'annotations'), (key) => `annotation "${key}"`);
      },
      ConfigMap(resource: Resource) {
        const data = resource.object.data;
        if (isPlainObject(data)) {
          for (const [key, value] of Object.entries(data)) {
            if (typeof value !== 'string') continue;
            const pointer = joinPointer(resource.pointer, 'data', key);
            const configText = isConfigText(value, key);
            if (configText && checkConfig(resource, key, value, pointer, (inner) => `"${inner}" of ConfigMap data "${key}"`)) continue;
            const match = secretIn(value, key);
            // A ConfigMap is no place for a password, weak or not: it is readable by every reader of the namespace.
            if (match) report(resource, pointer, match.detector.kind, `ConfigMap data "${key}"`, match.documentationExample);
            else if (!configText && isLiteralSecret(value, key)) report(resource, pointer, kindOfName(key), `ConfigMap data "${key}"`);
          }
        }
        checkMap(resource, resource.object.binaryData, joinPointer(resource.pointer, 'binaryData'), (key) => `ConfigMap binaryData "${key}"`, true);
      },
      Secret(resource: Resource) {
        const stringData = resource.object.stringData;
        if (isPlainObject(stringData)) {
          for (const [key, value] of Object.entries(stringData)) {
            if (typeof value !== 'string' || isPlaceholder(value, key)) continue;
            const pointer = joinPointer(resource.pointer, 'stringData', key);
            // A configuration file in stringData: each credential inside at its line.
            if (isConfigText(value, key) && !detectSecret(value, key) && checkConfig(resource, key, value, pointer, (inner) => `"${inner}" of Secret stringData "${key}"`)) continue;
            // A repository URL or a username in stringData is configuration; a password or a key is the leak.
            if (!isLiteralSecret(value, key) && !detectSecret(value, key)) continue;
            context.report({ node: resource, pointer, messageId: 'stringData', data: { name: resource.name ?? '(unnamed)', key } });
          }
        }
        checkMap(resource, resource.object.data, joinPointer(resource.pointer, 'data'), (key) => `Secret data "${key}" (base64 is an encoding, not encryption)`, true);
      },
      PodSpec(pod) {
        // The pod template's own annotations (a Pod's are its metadata, checked above).
        if (pod.templatePointer !== pod.resource.pointer) {
          const annotations = valueAt(pod.resource.object, joinPointer(pod.templatePointer.slice(pod.resource.pointer.length), 'metadata', 'annotations'));
          checkMap(pod.resource, annotations, joinPointer(pod.templatePointer, 'metadata', 'annotations'), (key) => `pod template annotation "${key}"`);
        }
        // Volume drivers take options as string maps (flexVolume options, CSI volume attributes).
        const volumes = listOf(pod.spec.volumes);
        volumes.forEach((volume, i) => {
          if (!isPlainObject(volume)) return;
          const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
          for (const [source, field] of [['flexVolume', 'options'], ['csi', 'volumeAttributes']] as const) {
            const driver = volume[source];
            if (!isPlainObject(driver)) continue;
            checkMap(pod.resource, driver[field], joinPointer(pod.pointer, 'volumes', i, source, field), (key) => `${source} ${field} "${key}" of volume "${name}"`);
          }
        });
      },
      // Per container, so that one malformed container (a null env item, a command that is a mapping)
      // costs only its own findings: the engine turns a throw into a rule error for that container.
      Container(view) {
        const container = `container "${view.name}"`;
        const env = listOf(view.container.env);
        const names = env.map((variable) => (isPlainObject(variable) ? variable.name : undefined));
        env.forEach((variable, i) => {
          if (!isPlainObject(variable) || typeof variable.name !== 'string') return;
          if (typeof variable.value === 'string' && isAccessKeyUser(variable.name, variable.value, names as string[])) return;
          check(view, variable.value, variable.name, () => joinPointer(view.pointer, 'env', i, 'value'), () => `env "${variable.name}" of ${container}`);
        });
        const checkCommand = (items: unknown[], pointer: string, label: string) => {
          items.forEach((_, i) => {
            const [name, value] = argNameAndValue(items, i);
            check(view, value, name, () => joinPointer(pointer, i), () => `${label}[${i}] of ${container}`);
          });
        };
        for (const field of ['command', 'args'] as const) checkCommand(listOf(view.container[field]), joinPointer(view.pointer, field), field);
        // Probes and lifecycle hooks: exec commands and HTTP headers (`Authorization: Bearer …`).
        const handlers: Array<[Record<string, unknown>, string, string]> = [];
        const fields = view.container as unknown as Record<string, unknown>;
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
          const handler = fields[probe];
          if (isPlainObject(handler)) handlers.push([handler, joinPointer(view.pointer, probe), probe]);
        }
        const lifecycle = fields.lifecycle;
        for (const hook of ['postStart', 'preStop'] as const) {
          const handler = isPlainObject(lifecycle) ? lifecycle[hook] : undefined;
          if (isPlainObject(handler)) handlers.push([handler, joinPointer(view.pointer, 'lifecycle', hook), `lifecycle.${hook}`]);
        }
        for (const [handler, pointer, label] of handlers) {
          if (isPlainObject(handler.exec)) checkCommand(listOf(handler.exec.command), joinPointer(pointer, 'exec', 'command'), `${label}.exec.command`);
          const http = handler.httpGet;
          if (!isPlainObject(http)) continue;
          listOf(http.httpHeaders).forEach((header, i) => {
            if (!isPlainObject(header) || typeof header.name !== 'string') return;
            check(view, header.value, header.name, () => joinPointer(pointer, 'httpGet', 'httpHeaders', i, 'value'), () => `HTTP header "${header.name}" of ${label} of ${container}`);
          });
        }
      },
    };
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
