import { defineRule, joinPointer, parseDuration, type ContainerView } from '@kubelore/core';
import { listOf } from '../shapes.js';

/** A credential agent that hands AWS sessions to pods, and the flag that sets how long they last. */
interface Agent {
  name: string;
  flag: string;
  /** Whether a container runs this agent's session-issuing part. */
  runs(image: string, words: readonly string[]): boolean;
}

// Both default to 15 minutes (kiam server `--session-duration`, kube2iam `--iam-role-session-ttl`).
const DEFAULT_TTL_SECONDS = 15 * 60;
const AGENTS: readonly Agent[] = [
  { name: 'kiam server', flag: 'session-duration', runs: (image, words) => /(^|\/)kiam(:|@|$)/.test(image) && words.includes('server') },
  { name: 'kube2iam', flag: 'iam-role-session-ttl', runs: (image) => /(^|\/)kube2iam(:|@|$)/.test(image) },
];

/** Where the flag is set and to what: `--flag=value`, `--flag value`, or `-flag` as Go's flag package allows. */
function flagOf(view: ContainerView, flag: string): { value: string; pointer: string } | undefined {
  for (const field of ['command', 'args'] as const) {
    const items = listOf(view.container[field]).map(String);
    for (let i = 0; i < items.length; i++) {
      const match = new RegExp(`^--?${flag}(?:=(.*))?$`).exec(items[i]!);
      if (!match) continue;
      if (match[1] !== undefined) return { value: match[1], pointer: joinPointer(view.pointer, field, i) };
      if (i + 1 < items.length) return { value: items[i + 1]!, pointer: joinPointer(view.pointer, field, i + 1) };
    }
  }
  return undefined;
}

function minutes(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

export default defineRule({
  meta: {
    type: 'problem',
    docs: {
      description: 'kiam or kube2iam issuing AWS sessions that expire inside the SDKs\' 15-minute refresh window (their default is 15 minutes)',
      story:
        'the AWS SDKs refresh credentials that have under 15 minutes left; sessions of 15 minutes are always that close to expiry, so every call fetches new credentials from the metadata API and request latency explodes.',
      recommended: true,
    },
    messages: {
      tooShort:
        '{{agent}} issues sessions of {{ttl}}{{source}}: the AWS SDKs refresh credentials with under {{window}} left, so every call fetches new ones. Set --{{flag}} to more than {{minimum}} (1h is common).',
    },
    schema: {
      type: 'object',
      properties: {
        refreshWindowMinutes: { type: 'number', minimum: 0 },
        marginMinutes: { type: 'number', minimum: 0 },
      },
      additionalProperties: false,
    },
    defaultOptions: { refreshWindowMinutes: 15, marginMinutes: 5 },
    security: 3.0,
    visits: ['Container'],
  },
  create(context) {
    const window = context.options.refreshWindowMinutes * 60;
    const minimum = window + context.options.marginMinutes * 60;
    return {
      Container(view) {
        const image = String(view.container.image ?? '');
        const words = [...listOf(view.container.command), ...listOf(view.container.args)].map(String);
        for (const agent of AGENTS) {
          if (!agent.runs(image, words)) continue;
          const flag = flagOf(view, agent.flag);
          const seconds = flag ? parseDuration(flag.value) : DEFAULT_TTL_SECONDS;
          if (seconds === undefined || seconds > minimum) continue;
          const pointer = flag?.pointer ?? (view.container.args ? joinPointer(view.pointer, 'args') : view.pointer);
          context.report({
            node: view,
            pointer,
            at: flag ? 'value' : 'key',
            messageId: 'tooShort',
            data: {
              agent: agent.name,
              ttl: minutes(seconds),
              source: flag ? '' : ` (the default: --${agent.flag} is not set)`,
              window: minutes(window),
              flag: agent.flag,
              minimum: minutes(minimum),
            },
          });
        }
      },
    };
  },
});
