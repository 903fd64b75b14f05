/**
 * Thrown anywhere inside the fast path when the input is outside what it can prove it reproduces: an
 * error or warning yaml's composer would report, or a construct it does not handle. parseFast catches it
 * and returns undefined, and the caller takes the ordinary path. An exception keeps the walkers free of
 * `undefined` checks on every return; it is only thrown for inputs the fast path gives up on.
 */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

export function unsupported(reason: string): never {
  throw new Unsupported(reason);
}
