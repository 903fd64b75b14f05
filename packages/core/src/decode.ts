import { isKustomizationFile } from './kustomize.js';

/** Turns file bytes into text, or explains why they are not a manifest. */
export type Decoded = { text: string } | { problem: string; line?: number; column?: number };

// The WHATWG decoder is a global wherever JavaScript runs (Node, browsers, Deno); core declares only the
// part it uses, so that it needs no Node or DOM typings.
interface Utf8Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}
const TextDecoder = (globalThis as unknown as { TextDecoder: new (label: 'utf-8', options?: { fatal?: boolean; ignoreBOM?: boolean }) => Utf8Decoder }).TextDecoder;

// `ignoreBOM: true` keeps a byte order mark in the text: parsing drops it (offsets count from after it)
// and lintAndFix puts it back on the fixed text, so --fix does not strip it from the file.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Does this text look like it holds Kubernetes objects at all? Used to skip unrelated YAML/JSON found in folders. */
export function mentionsKind(text: string): boolean {
  return /^[ \t-]*["']?kind["']?\s*:/m.test(text) || /"kind"\s*:/.test(text);
}

// The key written plainly (quoted or not), its value a scalar: not a mapping or a sequence.
const SCALAR_API_VERSION = /apiVersion["']?\s*:\s*[^\s{[]/;
const SCALAR_KIND = /kind["']?\s*:\s*[^\s{[]/;

/**
 * Whether a file found in a folder is linted: it mentions `kind`, or it is a kustomization file, which
 * kustomize reads without `apiVersion` and `kind` (kubebuilder scaffolds them so).
 */
export function mayBeManifest(path: string, text: string): boolean {
  return isKustomizationFile(path) || mentionsKind(text.replace(/^\ufeff/, ''));
}

/**
 * Whether a file read only as context (the neighbours of a named file) can give an object: a
 * kustomization file (read without `apiVersion` and `kind`, as kustomize reads it), or a file that
 * mentions `kind` where `apiVersion` and `kind` both appear as keys with a scalar value, as in every
 * object and every item of a List. A JSON schema of Kubernetes objects has both keys with schemas as
 * values, so it is not parsed (a 2.3 MB one beside a named file took 2.4 s). A wrong yes costs a parse;
 * a wrong no needs `apiVersion` written as an alias, an escape or an explicit `? key` entry
 * (`mentionsKind` already misses `kind` written so).
 */
export function mayHoldObjects(path: string, text: string): boolean {
  if (isKustomizationFile(path)) return true;
  return mentionsKind(text) && SCALAR_KIND.test(text) && SCALAR_API_VERSION.test(text);
}

export function decodeManifest(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { problem: 'File is UTF-16 encoded; Kubernetes manifests must be UTF-8. Convert it (for example with iconv) and lint again.' };
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { problem: 'Binary file (contains NUL bytes): not a YAML or JSON manifest.' };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const invalidAt = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, invalidAt - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((byte) => byte === 0x0a).length + 1;
    const column = invalidAt - lineStart + 1;
    return {
      problem: `File is not valid UTF-8 (first invalid byte at line ${line}, column ${column}, offset ${invalidAt}); Kubernetes manifests must be UTF-8.`,
      line,
      column,
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by bisection; `stream` lets a prefix end inside a character.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // The prefix may end inside a character whose next byte is the invalid one: point at its first byte.
  let start = low;
  while (start > 0 && low - start < 4 && !decodes(bytes.subarray(0, start))) start--;
  return start;
}

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
