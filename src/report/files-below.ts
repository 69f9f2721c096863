import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below a folder, sub-folders included; none when the folder is missing. What the
 * merge collects (the shards' blob reports) and what the secret scan reads (every artifact).
 */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
