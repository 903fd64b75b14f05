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

/** Markdown reduced to text a log or a plain viewer can show: no fences, links as their text. */
function plain(markdown: string): string {
  return markdown
    .replace(/^(```|~~~).*$/gm, '')
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_, label: string, url: string) => (label ? `${label} (${url})` : url))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function howToFixFallback(id: string, rule: Rule<string, any> | undefined): string {
  const lines: string[] = [];
  if (rule?.meta.fixable === 'code') lines.push('`kubelore --fix` corrects this automatically.');
  lines.push(`\`kubelore --explain ${id}\` shows correct and incorrect examples.`);
  return lines.join(' ');
}

/**
 * Builds a rule's descriptions and help. `page` is the rule's docs page (`docs/rules/<id>.md`) when one
 * exists; its "The failure it prevents" section and its "How to fix" or "Correct" section become the help.
 */
export function ruleHelp(id: string, rule: Rule<string, any> | undefined, page: string | undefined): RuleHelp {
  const description = rule?.meta.docs.description ?? id;
  const story = rule?.meta.docs.story ?? '';
  const url = rule?.meta.docs.url;
  const shortDescription = truncate(sentence(description), DESCRIPTION_LIMIT);
  const fullDescription = truncate(story ? `${sentence(description)} ${sentence(story)}` : sentence(description), DESCRIPTION_LIMIT);

  const parsed = page ? parsePage(page) : undefined;
  const failure = parsed?.sections.get(FAILURE_HEADING) ?? sentence(story || description);
  const fix = parsed?.sections.get('How to fix') ?? parsed?.sections.get('Correct') ?? howToFixFallback(id, rule);
  const more = url ? `[${id} documentation](${url})` : `\`kubelore --explain ${id}\``;

  let markdown: string;
  if (parsed && page) {
    markdown = page.replace(/\r\n?/g, '\n').replace(/^# .*\n+/, '').trim();
    if (!parsed.sections.has(FAILURE_HEADING)) markdown = `## ${FAILURE_HEADING}\n\n${failure}\n\n${markdown}`;
    if (url) markdown += `\n\n${more}`;
  } else {
    markdown = [sentence(description), `## ${FAILURE_HEADING}`, failure, '## How to fix', fix, more].join('\n\n');
  }
  const text = [
    sentence(description),
    `${FAILURE_HEADING}: ${plain(failure)}`,
    `How to fix: ${plain(fix)}`,
    url ? `More: ${url}` : `More: kubelore --explain ${id}`,
  ].join('\n\n');
  return { shortDescription, fullDescription, text, markdown };
}
