import { randomBytes } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRUCTURED = /^thread_\d+_[0-9a-f]+$/i;
const LONG_OPAQUE = /^[A-Za-z0-9_-]{20,128}$/;

/** The platform's structured form, `thread_<digits>_<hex>`, used for threads made by POST (section 5). */
export function newThreadId(): string {
  return `thread_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

export function newMessageId(): string {
  return `msg_${randomBytes(8).toString('hex')}`;
}

/**
 * UUIDs, opaque ids of 20+ characters and structured ids are thread ids; short placeholders
 * such as `test_1` are what the real platform rejects (contract section 5).
 */
export function isValidThreadId(id: string): boolean {
  return UUID.test(id) || STRUCTURED.test(id) || LONG_OPAQUE.test(id);
}
