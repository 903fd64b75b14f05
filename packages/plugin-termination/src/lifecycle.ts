import { joinPointer, type PodView, type SourceFile } from '@kubelore/core';
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

/** Words of a comment that say the process drains itself after SIGTERM. */
const DRAIN_WORDS = /\bdrain|lame[- ]?duck|graceful(?:ly)?\b/i;

/**
 * Whether the pod's `terminationGracePeriodSeconds` carries a comment (on its line, or the comment
 * lines right above it) that says the process drains in-process: it keeps serving after SIGTERM and
 * fails its readiness until the load balancers have let go ("lame duck"), so a preStop sleep adds nothing.
 */
export function drainsInProcess(pod: PodView): boolean {
  if (typeof pod.spec.terminationGracePeriodSeconds !== 'number') return false;
  const { source, documentIndex } = pod.resource;
  const { line } = source.locate(documentIndex, joinPointer(pod.pointer, 'terminationGracePeriodSeconds'));
  const own = lineText(source, line);
  const comment = own.indexOf(' #');
  if (comment !== -1 && DRAIN_WORDS.test(own.slice(comment))) return true;
  for (let at = line - 1; at >= 1 && /^\s*#/.test(lineText(source, at)); at--) if (DRAIN_WORDS.test(lineText(source, at))) return true;
  return false;
}

/**
 * The text of a line (1-based) without its line break, as `text.split(/\r?\n/)` gives it, read from the
 * file's line starts: splitting the file up to the line, per pod, was most of the time of the rules
 * that read comments on large files. '' past the last line.
 */
export function lineText(source: SourceFile, line: number): string {
  const starts = source.lineCounter.lineStarts;
  if (line < 1 || line > starts.length) return '';
  const end = line < starts.length ? starts[line]! - 1 : source.text.length;
  const text = source.text.slice(starts[line - 1]!, end);
  return text.endsWith('\r') && line < starts.length ? text.slice(0, -1) : text;
}
