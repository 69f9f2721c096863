/**
 * Whether the page shows the answer that `agent_completed` carried (contract section 5). Pages
 * render answers as Markdown and reflow whitespace, so both sides are reduced to plain words
 * before comparing; the page must show the answer's opening (up to 80 characters) verbatim.
 */

/**
 * The reduction, as data: the browser applies the same rules to the page's text inside
 * `page.waitForFunction` (where this module's functions do not exist).
 */
export const PLAIN_TEXT_RULES: readonly (readonly [pattern: string, replacement: string])[] = [
  ['[*_`#>~]+', ''],
  ['\\[([^\\]]*)\\]\\([^)]*\\)', '$1'],
  ['\\s+', ' '],
];

export function plainText(text: string): string {
  return PLAIN_TEXT_RULES.reduce((t, [pattern, replacement]) => t.replace(new RegExp(pattern, 'g'), replacement), text).trim();
}

/** What must appear, in plain text, for the answer to count as shown. */
export function answerOpening(answer: string): string {
  return plainText(answer).slice(0, 80);
}

export function answerShown(pageText: string, answer: string): boolean {
  const expected = answerOpening(answer);
  return expected.length > 0 && plainText(pageText).includes(expected);
}
