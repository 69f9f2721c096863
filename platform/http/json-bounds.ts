import { LIMITS } from '../limits';

/**
 * Depth of a parsed JSON value (a scalar is 0, `{}` is 1), walked with an explicit stack: the
 * value may be nested far deeper than the call stack allows, which is exactly what is checked.
 * `JSON.parse` itself is not recursive in V8; `JSON.stringify` is, and throws on such a value.
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    for (const child of Object.values(node as Record<string, unknown>)) if (child !== null && typeof child === 'object') stack.push([child, inner]);
  }
  return deepest;
}

export type BoundsViolation = { limit: 'max_json_depth'; max: number } | { limit: 'max_bytes'; max: number };

/** Within the depth limit, and (when `maxBytes` is given) within that size as JSON. */
export function checkBounds(value: unknown, maxBytes?: number, maxDepth: number = LIMITS.maxJsonDepth): BoundsViolation | undefined {
  if (jsonDepth(value) > maxDepth) return { limit: 'max_json_depth', max: maxDepth };
  if (maxBytes !== undefined && Buffer.byteLength(JSON.stringify(value) ?? '') > maxBytes) return { limit: 'max_bytes', max: maxBytes };
  return undefined;
}

export function describeViolation(v: BoundsViolation): string {
  return v.limit === 'max_json_depth' ? `nested deeper than ${v.max} levels` : `larger than ${v.max} bytes as JSON`;
}

/**
 * Which top-level field of a too-deep object holds the depth, so that a 422 can name it as
 * FastAPI names a field; `undefined` when the object is within bounds.
 */
export function tooDeepField(body: Record<string, unknown>, maxDepth: number = LIMITS.maxJsonDepth): string | undefined {
  for (const [key, value] of Object.entries(body)) if (jsonDepth(value) + 1 > maxDepth) return key;
  return undefined;
}

/** At most `max` characters of a client's value, for an error message that names it. */
export function preview(value: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
