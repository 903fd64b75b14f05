// Timing of a run, per file, in ESLint 9's `--stats` shape: one entry per lint pass (a `lintAndFix` run
// has one per fix pass), each with the parse time, the time of every rule and of applying fixes.

/** Milliseconds. */
export interface TimeStats {
  total: number;
}

export interface PassStats {
  /** Decoding, parsing, input checks and modelling of the file. */
  parse: TimeStats;
  /** Each rule's `create` and visitors on this file's objects (cross-object look-ups included), by rule id. */
  rules: Record<string, TimeStats>;
  /** Applying fixes to the file's text after this pass. */
  fix: TimeStats;
  /** Everything above, plus directives and reporting. */
  total: number;
}

export interface LintStats {
  times: { passes: PassStats[] };
  /** How many passes changed the file's text. */
  fixPasses: number;
}

type Clock = () => number;

/** The platform's monotonic clock where there is one (browsers, Node), else Date.now. */
function platformClock(): Clock {
  const performance = (globalThis as { performance?: { now(): number } }).performance;
  return performance ? () => performance.now() : () => Date.now();
}

/**
 * The platform's clock, looked up when first read: only --stats reads it, and in Node the first use of
 * `globalThis.performance` loads perf_hooks, milliseconds of a one-file run's start-up.
 */
export function defaultClock(): Clock {
  let clock: Clock | undefined;
  return () => (clock ??= platformClock())();
}

export function newPass(): PassStats {
  return { parse: { total: 0 }, rules: {}, fix: { total: 0 }, total: 0 };
}

export function addRuleTime(pass: PassStats, ruleId: string, milliseconds: number): void {
  const entry = pass.rules[ruleId];
  if (entry) entry.total += milliseconds;
  else pass.rules[ruleId] = { total: milliseconds };
}
