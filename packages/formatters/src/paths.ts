import { toPosixPath } from '@kubelore/core';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `<stdin>` and `<text>` name input that never was a file. */
export function isPseudoPath(filePath: string): boolean {
  return /^<.*>$/.test(filePath);
}


/** Where a finding's file is, relative to `root` when it lies inside it, else absolute. */
export function locateFile(filePath: string, cwd: string, root: string): { relative: string } | { absolute: string } | { pseudo: string } {
  if (isPseudoPath(filePath)) return { pseudo: filePath };
  const absolute = resolve(cwd, filePath);
  const fromRoot = relative(root, absolute);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { absolute };
  return { relative: toPosixPath(fromRoot) };
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function encodeRelativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A folder as a `file:` URI ending in a slash, as SARIF base URIs must. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
