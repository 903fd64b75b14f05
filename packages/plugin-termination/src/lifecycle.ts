import type { Container } from 'kubernetes-types/core/v1.js';

/** The native `sleep` lifecycle action exists from this release; before it only an exec of a sleep binary waits. */
export const SLEEP_ACTION_SINCE = '1.30';

/** What a container's preStop hook does before SIGTERM, as far as a linter can tell. */
export type PreStopDelay =
  | { kind: 'none' }
  | { kind: 'sleep-action'; seconds: number }
  | { kind: 'exec-sleep'; seconds: number; command: string[]; shell: boolean }
  | { kind: 'other' };

const SLEEP_BINARY = /^(?:\/usr)?(?:\/bin\/)?sleep$/;
const SHELL = /^(?:\/usr)?(?:\/bin\/)?(?:ba|da|a)?sh$/;

function seconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s?$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** Reads `sleep N`, `["sleep", "N"]` and `["sh", "-c", "sleep N"]`: a preStop hook that only sleeps. */
export function execSleepSeconds(command: unknown): { seconds: number; shell: boolean } | undefined {
  if (!Array.isArray(command) || command.length === 0) return undefined;
  const parts = command.map((part) => String(part));
  if (SLEEP_BINARY.test(parts[0]!) && parts.length === 2) {
    const value = seconds(parts[1]!);
    return value === undefined ? undefined : { seconds: value, shell: false };
  }
  if (SHELL.test(parts[0]!) && parts[1] === '-c' && parts.length === 3) {
    const match = /^\s*(?:exec\s+)?(?:\/usr)?(?:\/bin\/)?sleep\s+(\S+)\s*;?\s*$/.exec(parts[2]!);
    const value = match ? seconds(match[1]!) : undefined;
    return value === undefined ? undefined : { seconds: value, shell: true };
  }
  return undefined;
}

/** Seconds of a shell command that starts with a sleep before doing other work (`sleep 5 && nginx -s quit`). */
function leadingSleepSeconds(command: unknown): number | undefined {
  if (!Array.isArray(command)) return undefined;
  const script = command.map(String).join(' ');
  const match = /(?:^|[\s;&|])(?:\/usr)?(?:\/bin\/)?sleep\s+(\d+(?:\.\d+)?)s?\b/.exec(script);
  return match ? Number(match[1]) : undefined;
}

export function preStopDelayOf(container: Container): PreStopDelay {
  const preStop = container.lifecycle?.preStop as (Record<string, any> | undefined);
  if (!preStop || typeof preStop !== 'object') return { kind: 'none' };
  if (preStop.sleep && typeof preStop.sleep === 'object') {
    const value = Number(preStop.sleep.seconds);
    return Number.isFinite(value) ? { kind: 'sleep-action', seconds: value } : { kind: 'other' };
  }
  const command = preStop.exec?.command;
  const sleep = execSleepSeconds(command);
  if (sleep) return { kind: 'exec-sleep', seconds: sleep.seconds, command: command.map(String), shell: sleep.shell };
  const leading = leadingSleepSeconds(command);
  if (leading !== undefined) return { kind: 'sleep-action', seconds: leading };
  return { kind: 'other' };
}

/** Seconds the hook certainly waits, or undefined when it does something we cannot time (an HTTP call, a script). */
export function delaySeconds(delay: PreStopDelay): number | undefined {
  return delay.kind === 'sleep-action' || delay.kind === 'exec-sleep' ? delay.seconds : delay.kind === 'none' ? 0 : undefined;
}
