import { clampKubernetesVersion, groupOf } from '@kubelore/core';
import { ByApiVersionAndKind } from './by-kind.js';
import { compareVersions, kindsData } from './data.js';

/** `v1` before `v1beta2` before `v1alpha1`: how the API server ranks versions of a group. */
function stability(apiVersion: string): number {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return 0;
  const level = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  return level * 10000 + Number(match[1]) * 100 + Number(match[3] ?? 0);
}

export function isPrerelease(apiVersion: string): boolean {
  return /(alpha|beta)\d*$/.test(apiVersion);
}

/** The releases of the data, clamped: a target beyond the data is judged by its nearest release. */
export function clampedRelease(version: string): string {
  // Asked by rules' create, once per file: the answer per target version is kept.
  let release = releases.get(version);
  if (release === undefined) releases.set(version, (release = clampKubernetesVersion(version, kindsData().versions)));
  return release;
}
const releases = new Map<string, string>();


let apiVersionsByKind: Map<string, Array<{ apiVersion: string; releases: string[] }>> | undefined;

/** Every apiVersion that serves `kind` in `release`, the most stable first, same group preferred. */
export function apiVersionsServing(kind: string, release: string, preferGroup?: string): string[] {
  if (!apiVersionsByKind) {
    apiVersionsByKind = new Map();
    for (const [key, releases] of Object.entries(kindsData().kinds)) {
      const slash = key.lastIndexOf('/');
      const kindName = key.slice(slash + 1);
      let list = apiVersionsByKind.get(kindName);
      if (!list) apiVersionsByKind.set(kindName, (list = []));
      list.push({ apiVersion: key.slice(0, slash), releases });
    }
  }
  const out = (apiVersionsByKind.get(kind) ?? []).filter((entry) => entry.releases.includes(release)).map((entry) => entry.apiVersion);
  return out.sort(
    (a, b) => Number(groupOf(b) === preferGroup) - Number(groupOf(a) === preferGroup) || stability(b) - stability(a) || a.localeCompare(b),
  );
}

/** The first release after the last that served `apiVersion/kind`, if it is no longer served at `release`. */
export function removedIn(apiVersionKind: string, release: string): string | undefined {
  const { versions, kinds } = kindsData();
  const served = kinds[apiVersionKind];
  if (!served || served.includes(release)) return undefined;
  const last = served[served.length - 1]!;
  if (compareVersions(last, release) > 0) return undefined; // Not yet introduced at the target.
  return versions[versions.indexOf(last) + 1];
}

let known: ByApiVersionAndKind<boolean> | undefined;

/** Whether some release of the data serves `apiVersion/kind`. */
export function isKnown(apiVersion: string, kind: string): boolean {
  known ??= new ByApiVersionAndKind((key) => kindsData().kinds[key] !== undefined);
  return known.get(apiVersion, kind);
}
