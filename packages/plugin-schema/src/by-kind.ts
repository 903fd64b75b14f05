/**
 * Answers about an `apiVersion/kind`, computed once per pair and looked up by the two strings. The rules
 * ask for every object: joining the key per object, then hashing the new string (or, on the parsed data's
 * large key objects, internalising it) was a visible part of their time.
 */
export class ByApiVersionAndKind<T> {
  private readonly answers = new Map<string, Map<string, T>>();

  /** `compute` is given the joined `apiVersion/kind`, as the vendored data names kinds, and the two parts. */
  constructor(private readonly compute: (key: string, apiVersion: string, kind: string) => T) {}

  get(apiVersion: string, kind: string): T {
    let kinds = this.answers.get(apiVersion);
    if (!kinds) this.answers.set(apiVersion, (kinds = new Map()));
    let answer = kinds.get(kind);
    if (answer === undefined && !kinds.has(kind)) kinds.set(kind, (answer = this.compute(`${apiVersion}/${kind}`, apiVersion, kind)));
    return answer as T;
  }
}
