/**
 * Whether the page shows the answer that `agent_completed` carried (contract section 5). Pages
 * render answers as Markdown and reflow whitespace, so both sides are reduced to plain words
 * before comparing; the page must show the answer's opening (up to 80 characters) verbatim.
 */
export function plainText(text: string): string {
  return text
    .replace(/[*_`#>~]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function answerShown(pageText: string, answer: string): boolean {
  const expected = plainText(answer).slice(0, 80);
  return expected.length > 0 && plainText(pageText).includes(expected);
}
