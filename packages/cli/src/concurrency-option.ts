import { UsageError } from './args.js';

/** `--concurrency`'s value (see concurrency.ts, loaded only when it is not `off`). */
export type Concurrency = 'off' | 'auto' | number;

export function parseConcurrency(value: string): Concurrency {
  if (value === 'off' || value === 'auto') return value;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new UsageError(`--concurrency must be "off", "auto" or a positive whole number, not "${value}".`);
}
