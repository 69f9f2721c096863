/**
 * Thread ids the platform accepts (contract section 5): UUIDs, strings of 20+ characters, or
 * the structured `thread_<digits>_<hex>`; placeholders such as `test_1` are rejected.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRUCTURED = /^thread_\d+_[0-9a-f]+$/i;

export function isThreadId(id: string): boolean {
  return UUID.test(id) || STRUCTURED.test(id) || (id.length >= 20 && /^[\w-]+$/.test(id));
}
