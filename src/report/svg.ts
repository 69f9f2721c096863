/**
 * The little SVG the report's pictures need (run timelines, step trends): escaped text and a
 * document frame. Plain strings, no DOM, so a unit test can read back what was drawn.
 */

/** Text and attribute values, escaped for XML. */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number as an SVG coordinate: one decimal is plenty on screen and keeps the file small. */
export const px = (n: number): string => String(Math.round(n * 10) / 10);

/** A standalone SVG document (opened on its own in a browser, or as an image in Allure). */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${px(height)}" viewBox="0 0 ${width} ${px(height)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${xml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Text at a point; `anchor` start, middle or end. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attrs ? ` ${attrs}` : ''}>${xml(content)}</text>`;
}
