// The options of issue 19 (adopting kubelore on an existing repository), kept apart from args.ts so
// that the option table there stays a short list to merge.

export const ADOPTION_OPTIONS = {
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  'no-inline-config': { type: 'boolean' },
  'report-unused-disable-directives-severity': { type: 'string' },
  'pass-on-no-patterns': { type: 'boolean' },
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'suppressions-location': { type: 'string' },
  'prune-suppressions': { type: 'boolean' },
  'pass-on-unpruned-suppressions': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  'env-info': { type: 'boolean' },
  debug: { type: 'boolean' },
  init: { type: 'boolean' },
  suppress: { type: 'boolean' },
} as const;

type OptionTable = Record<string, { type: string; short?: string }>;

/** `--max-warnings -1` as `--max-warnings=-1`: parseArgs takes a value starting with a dash for an option. */
export function joinNegativeNumbers(argv: string[], options: OptionTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Every option as typed: `--name`, and `-x` for short ones. */
export function optionNames(options: OptionTable): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
}
