import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Redaction of the files the suite leaves behind. `redactText`
 * knows what a secret looks like; this module knows where text hides in an artifact: plain
 * text files, JSON messages whose attachment content is base64, and the zip archives of
 * Playwright traces (request headers, the `Sec-WebSocket-Protocol` entry, socket frames,
 * response bodies, the `addInitScript` source with the token). Pure: bytes in, bytes out.
 */
export type Redact = (text: string) => string;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text is what decodes as UTF-8 and has no NUL byte. Images, video and compressed data fail
 * one of the two within their first bytes; they cannot carry a secret as text, and rewriting
 * them would corrupt them.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The redacted bytes, or undefined when nothing changed (callers then keep the original). */
export function redactBytes(bytes: Uint8Array, redact: Redact): Buffer | undefined {
  const text = decodeText(bytes);
  if (text === undefined) return undefined;
  const out = redact(text);
  return out === text ? undefined : Buffer.from(out, 'utf8');
}

export interface ZipRedaction {
  zip: Uint8Array;
  /** Entries whose text changed: zero means the archive held nothing to mask. */
  changed: number;
  textEntries: number;
}

/** Already-compressed media gain nothing from deflate; storing them keeps the rewrite fast. */
const STORED = /\.(jpe?g|png|webp|gif|zip|woff2?)$/i;

/**
 * Rewrites every text entry of a zip archive (a Playwright trace) through `redact`. Binary
 * entries are copied as they are. Entry names are kept: the trace viewer finds resources by
 * name (a sha1 of the original body), never by checking the content against it.
 */
/**
 * The entry a worker adds to a trace it masked itself (fixtures/masked-artifacts.ts): the
 * main process's second net need not unzip and mask the same archive again. Trace viewers
 * read the entries they know by name and ignore this one.
 */
export const MASKED_MARKER = 'golden-path-masked.txt';

/** Whether an archive carries the marker (its name stands in the zip's directory as plain bytes). */
export function isMaskedArchive(archive: Uint8Array): boolean {
  return Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength).includes(MASKED_MARKER);
}

export function redactZip(archive: Uint8Array, redact: Redact, options: { mark?: boolean } = {}): ZipRedaction {
  const entries = unzipSync(archive);
  const out: Zippable = {};
  if (options.mark) out[MASKED_MARKER] = [Buffer.from('every text entry of this trace was masked by the golden-path worker\n'), { level: 0 }];
  let changed = 0;
  let textEntries = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    const text = name.endsWith('/') ? undefined : decodeText(bytes);
    if (text !== undefined) {
      textEntries += 1;
      const redacted = redact(text);
      if (redacted !== text) changed += 1;
      out[name] = [Buffer.from(redacted, 'utf8'), { level: 6 }];
    } else {
      out[name] = [bytes, { level: STORED.test(name) ? 0 : 6 }];
    }
  }
  return { zip: zipSync(out), changed, textEntries };
}

/**
 * Allure's runtime messages (`application/vnd.allure.message+json`) carry labels, step
 * metadata and attachment content, the last as base64: a JWT in there matches no pattern
 * until it is decoded. Strings are redacted wherever they are; base64 content is decoded,
 * redacted and encoded again.
 */
export function redactAllureMessage(json: string, redact: Redact): string {
  let message: unknown;
  try {
    message = JSON.parse(json);
  } catch {
    return redact(json);
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) copy[k] = walk(v);
      if (record.encoding === 'base64' && typeof record.content === 'string') {
        const bytes = Buffer.from(record.content, 'base64');
        copy.content = (redactBytes(bytes, redact) ?? bytes).toString('base64');
      }
      return copy;
    }
    return value;
  };
  return JSON.stringify(walk(message));
}
