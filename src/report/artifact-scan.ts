import { unzipSync } from 'fflate';
import { findSecrets } from './redact';
import { decodeText } from './redact-artifacts';

/**
 * The secret scan's reader: every text a file can hold, as a
 * reader or a tool would get at it. Zip archives (traces, blob reports) are opened, entry by
 * entry and archive in archive; base64 runs (attachment bodies in blob reports, the data of
 * the single-file Allure report) are decoded when they decode to text. Binary files are read
 * as Latin-1, so an ASCII secret in them would still show. Pure: bytes in, findings out.
 */
export interface ScannedText {
  /** The file, then the archive entry or "base64 at <offset>" it came from. */
  where: string;
  text: string;
}

export interface Finding {
  where: string;
  found: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Long enough to hold a secret; short runs are words and hashes. */
const BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/g;
const MAX_DEPTH = 3;

function isZip(bytes: Uint8Array): boolean {
  return ZIP.every((b, i) => bytes[i] === b);
}

export function textsOf(where: string, bytes: Uint8Array, depth = 0): ScannedText[] {
  if (depth > MAX_DEPTH) return [];
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      return [{ where: `${where} (unreadable zip)`, text: Buffer.from(bytes).toString('latin1') }];
    }
    return Object.entries(entries).flatMap(([name, entry]) => textsOf(`${where} › ${name}`, entry, depth + 1));
  }
  const text = decodeText(bytes);
  if (text === undefined) return [{ where, text: Buffer.from(bytes).toString('latin1') }];
  const out: ScannedText[] = [{ where, text }];
  for (const m of text.matchAll(BASE64_RUN)) {
    const decoded = Buffer.from(m[0], 'base64');
    if (isZip(decoded) || decodeText(decoded) !== undefined) out.push(...textsOf(`${where} › base64 at ${m.index}`, decoded, depth + 1));
  }
  return out;
}

/** Known secret values and token shapes in any of the texts; names where, never repeats the secret. */
export function scanTexts(texts: readonly ScannedText[], secrets: readonly string[]): Finding[] {
  return texts.flatMap(({ where, text }) => findSecrets(text, secrets).map((found) => ({ where, found })));
}
