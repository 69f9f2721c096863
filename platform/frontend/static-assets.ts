import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Faults } from '../faults';

export interface Asset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Fault `frontend-page-error` (contract section 5, FRONTEND_BROKEN): the chat page's main
 * script throws on load, the way a broken production bundle does, so the page never becomes
 * ready. The error is a genuine TypeError raised by the engine, not a hand-made one.
 */
const BROKEN_BUNDLE_PRELUDE =
  '// fault frontend-page-error: a broken bundle reads a list that is not there\n' +
  'const brokenChunkList = undefined;\n' +
  'brokenChunkList.map((chunk) => chunk);\n';

/** Reads `assets/` once at start: a handful of small files, served from memory. */
export async function loadAssets(faults: Faults): Promise<Map<string, Asset>> {
  const dir = new URL('./assets/', import.meta.url);
  const assets = new Map<string, Asset>();
  for (const name of await readdir(dir)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    let body = await readFile(new URL(name, dir));
    if (name === 'chat.js' && faults.has('frontend-page-error')) {
      body = Buffer.concat([Buffer.from(BROKEN_BUNDLE_PRELUDE), body]);
    }
    assets.set(`/assets/${name}`, { body, contentType });
  }
  return assets;
}
