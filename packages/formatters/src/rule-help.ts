import type { Rule } from '@kubelore/core';

/** What a report says about a rule, from its docs page where there is one, else from its metadata. */
export interface RuleHelp {
  shortDescription: string;
  fullDescription: string;
  text: string;
  markdown: string;
}

/** GitHub code scanning cuts rule descriptions at this many characters. */
const DESCRIPTION_LIMIT = 1024;
const FAILURE_HEADING = 'The failure it prevents';

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}\u2026`;
}

interface Page {
  intro: string;
  sections: Map<string, string>;
}

/** Splits a rule page into the prose under its title and its `##` sections. */
function parsePage(markdown: string): Page {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.startsWith('# ')) lines.shift();
  const sections = new Map<string, string>();
  let heading: string | undefined;
  let body: string[] = [];
  let intro = '';
  let inFence = false;
  const flush = () => {
    if (heading === undefined) intro = body.join('\n').trim();
    else sections.set(heading, body.join('\n').trim());
  };
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^## +(.+?)\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1]!;
      body = [];
    } else {
      body.push(line);
    }
  }
  flush();
  return { intro, sections };
}

/** Markdown reduced to text a log or a plain viewer can show: paragraphs unwrapped, code indented, links as text. */
function plain(markdown: string): string {
  const lines: string[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  const flush = () => {
    if (paragraph.length > 0) lines.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
    } else if (inFence) {
      lines.push(`    ${line}`);
    } else if (line.trim() === '') {
      flush();
      lines.push('');
    } else {
      if (/^\s*([-*]|\d+\.)\s/.test(line)) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return lines
    .join('\n')
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_, label: string, url: string) => (label ? `${label} (${url})` : url))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

function howToFixFallback(id: string, rule: Rule<string, any> | undefined): string {
  const fixable = rule?.meta.fixable === 'code' ? '`kubelore --fix` corrects it automatically. ' : '';
  return `${fixable}Change the manifest so that the finding no longer applies; \`kubelore --explain ${id}\` tells more about the rule.`;
}

/**
 * Builds a rule's descriptions and help. `page` is the rule's docs page (`docs/rules/<id>.md`) when one
 * exists; its "The failure it prevents" section and its "How to fix" or "Correct" section become the help.
 * `howToFix` replaces the generic advice given when there is no page.
 */
export function ruleHelp(id: string, rule: Rule<string, any> | undefined, page: string | undefined, howToFix?: string): RuleHelp {
  const description = rule?.meta.docs.description ?? id;
  const story = rule?.meta.docs.story ?? '';
  const url = rule?.meta.docs.url;
  const shortDescription = truncate(sentence(description), DESCRIPTION_LIMIT);
  const fullDescription = truncate(story ? `${sentence(description)} ${sentence(story)}` : sentence(description), DESCRIPTION_LIMIT);

  const parsed = page ? parsePage(page) : undefined;
  const failure = parsed?.sections.get(FAILURE_HEADING) ?? sentence(story || description);
  const fix = parsed?.sections.get('How to fix') ?? parsed?.sections.get('Correct') ?? howToFix ?? howToFixFallback(id, rule);

  let markdown: string;
  if (parsed && page) {
    markdown = page.replace(/\r\n?/g, '\n').replace(/^# .*\n+/, '').trim();
    if (!parsed.sections.has(FAILURE_HEADING)) markdown = `## ${FAILURE_HEADING}\n\n${failure}\n\n${markdown}`;
    if (url) markdown += `\n\n[${id} documentation](${url})`;
  } else {
    markdown = [sentence(description), `## ${FAILURE_HEADING}`, failure, '## How to fix', fix, ...(url ? [`[${id} documentation](${url})`] : [])].join('\n\n');
  }
  const text = [
    sentence(description),
    `${FAILURE_HEADING}:\n${plain(failure)}`,
    `How to fix:\n${plain(fix)}`,
    ...(url ? [`More: ${url}`] : []),
  ].join('\n\n');
  return { shortDescription, fullDescription, text, markdown };
}
