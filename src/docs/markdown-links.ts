/**
 * What a Markdown page links to, which anchors it offers, and which `npm run` scripts it tells
 * a person to type: the README and docs/ are the suite's front door, and a dead link or a
 * script that does not exist is a wall. Pure: text in, lists out; src/docs/doc-links.test.ts
 * reads the files.
 *
 * Anchors are GitHub's: a heading's text, lower-cased, stripped of what is not a letter, digit,
 * space, `-` or `_`, spaces turned into `-`, a repeated one suffixed `-1`, `-2`; and every
 * explicit `<a id="…">` or `<a name="…">`.
 */
import { posix } from 'node:path';

export interface MarkdownLink {
  /** 1-based line of the link. */
  line: number;
  /** The path part, as written (may be empty for a link within the page). */
  path: string;
  /** The part after `#`, if any. */
  anchor?: string;
}

const FENCE = /^\s*(```|~~~)/;

/** The page's lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, i) => {
    if (FENCE.test(text)) {
      inFence = !inFence;
      return;
    }
    if (!inFence) out.push({ line: i + 1, text });
  });
  return out;
}

/** Inline code becomes a neutral word, so that nothing inside it reads as a link or markup. */
const withoutCodeSpans = (text: string) => text.replace(/`+[^`]*`+/g, 'code');

/** GitHub's anchor for a heading's text. */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a link may name on this page. */
export function pageAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading?.[1] !== undefined) {
      const slug = headingSlug(heading[1]);
      const count = seen.get(slug) ?? 0;
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
      seen.set(slug, count + 1);
    }
    for (const m of withoutCodeSpans(text).matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (m[1]) anchors.add(m[1]);
  }
  return anchors;
}

/** Links and images that point inside the repository (no scheme, no protocol-relative host). */
export function relativeLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of proseLines(markdown)) {
    for (const m of withoutCodeSpans(text).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const hash = target.indexOf('#');
      const path = decodeURI(hash === -1 ? target : target.slice(0, hash));
      links.push(hash === -1 ? { line, path } : { line, path, anchor: decodeURIComponent(target.slice(hash + 1)) });
    }
  }
  return links;
}

/** Every `npm run <script>` on the page, code blocks included: a command shown is a command typed. */
export function npmScriptsNamed(markdown: string): { line: number; script: string }[] {
  const named: { line: number; script: string }[] = [];
  markdown.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\bnpm run ([A-Za-z0-9][\w:.-]*)/g)) if (m[1]) named.push({ line: i + 1, script: m[1].replace(/[.:]+$/, '') });
  });
  return named;
}

/**
 * The links of `pages` (repository-relative path → text) that lead nowhere: a missing file, or
 * an anchor the target page does not have. `exists` and `read` answer for any repository path.
 */
export function brokenLinks(pages: ReadonlyMap<string, string>, exists: (file: string) => boolean, read: (file: string) => string): string[] {
  const broken: string[] = [];
  for (const [page, text] of pages) {
    for (const link of relativeLinks(text)) {
      const target = link.path ? posix.normalize(posix.join(posix.dirname(page), link.path)) : page;
      const where = `${page}:${link.line} → ${link.path}${link.anchor === undefined ? '' : `#${link.anchor}`}`;
      if (!exists(target)) broken.push(`${where}: no such file`);
      else if (link.anchor === undefined) continue;
      else if (!target.endsWith('.md')) broken.push(`${where}: an anchor on a file that is not Markdown`);
      else if (!pageAnchors(read(target)).has(link.anchor)) broken.push(`${where}: ${target} has no heading or <a id> "${link.anchor}"`);
    }
  }
  return broken;
}

/** The `npm run` scripts that `pages` name and `scripts` (package.json's) does not have. */
export function missingScripts(pages: ReadonlyMap<string, string>, scripts: readonly string[]): string[] {
  return [...pages].flatMap(([page, text]) => npmScriptsNamed(text).filter((n) => !scripts.includes(n.script)).map((n) => `${page}:${n.line}: npm run ${n.script}`));
}
