import { LIMITS } from '../limits';

export type MessageRole = 'user' | 'assistant';

export interface ThreadMessage {
  id: string;
  role: MessageRole;
  content: string;
  /** Unix seconds, like the real threads table's `created_at`. */
  created_at: number;
  metadata: Record<string, unknown>;
}

export interface Thread {
  id: string;
  owner: string;
  title: string;
  created_at: number;
  updated_at: number;
  metadata: Record<string, unknown>;
  messages: ThreadMessage[];
}

export type ThreadLookup = { kind: 'found'; thread: Thread } | { kind: 'missing' } | { kind: 'foreign' };

export interface StoreBounds {
  maxThreads: number;
  maxBytes: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
/** Ids, timestamps, keys and the object itself, roughly: enough to make many empty threads count. */
const RECORD_OVERHEAD_BYTES = 256;

function messageBytes(message: Omit<ThreadMessage, 'created_at'>): number {
  return RECORD_OVERHEAD_BYTES + message.content.length * 2 + JSON.stringify(message.metadata).length;
}

/**
 * In memory: the reference platform forgets everything when it stops, on purpose. It is bounded
 * by count and by size, so that a client creating threads without end costs a bounded amount:
 * past either bound the least recently used threads are forgotten (the Map keeps use order).
 */
export class ThreadStore {
  private readonly threads = new Map<string, Thread>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly bounds: StoreBounds = { maxThreads: LIMITS.maxStoredThreads, maxBytes: LIMITS.maxStoredBytes }) {}

  create(id: string, owner: string, title: string, metadata: Record<string, unknown> = {}): Thread {
    const now = nowSeconds();
    const thread: Thread = { id, owner, title, created_at: now, updated_at: now, metadata, messages: [] };
    this.forget(id);
    this.threads.set(id, thread);
    this.grow(id, RECORD_OVERHEAD_BYTES + (id.length + owner.length + title.length) * 2 + JSON.stringify(metadata).length);
    return thread;
  }

  /** Owner-checked: another user's thread is `foreign`, never returned (contract section 4.2, 5). */
  lookup(id: string, user: string): ThreadLookup {
    const thread = this.threads.get(id);
    if (!thread) return { kind: 'missing' };
    return thread.owner === user ? { kind: 'found', thread } : { kind: 'foreign' };
  }

  listFor(user: string, limit: number, offset: number): Thread[] {
    return [...this.threads.values()]
      .filter((t) => t.owner === user)
      .sort((a, b) => b.updated_at - a.updated_at || b.created_at - a.created_at)
      .slice(offset, offset + limit);
  }

  get size(): number {
    return this.threads.size;
  }

  rename(thread: Thread, title: string): void {
    const grown = (title.length - thread.title.length) * 2;
    thread.title = title;
    thread.updated_at = nowSeconds();
    if (this.touch(thread)) this.grow(thread.id, grown);
  }

  /** A thread forgotten while its run was in flight stays forgotten: the run's answer goes to the socket only. */
  append(thread: Thread, message: Omit<ThreadMessage, 'created_at'>): void {
    if (!this.touch(thread)) return;
    thread.messages.push({ ...message, created_at: nowSeconds() });
    thread.updated_at = nowSeconds();
    this.grow(thread.id, messageBytes(message));
  }

  private touch(thread: Thread): boolean {
    if (this.threads.get(thread.id) !== thread) return false;
    this.threads.delete(thread.id);
    this.threads.set(thread.id, thread);
    return true;
  }

  private grow(id: string, bytes: number): void {
    this.sizes.set(id, (this.sizes.get(id) ?? 0) + bytes);
    this.bytes += bytes;
    while (this.threads.size > 1 && (this.threads.size > this.bounds.maxThreads || this.bytes > this.bounds.maxBytes)) {
      const oldest = this.threads.keys().next().value as string;
      if (oldest === id) break;
      this.forget(oldest);
    }
  }

  private forget(id: string): void {
    if (!this.threads.delete(id)) return;
    this.bytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
  }
}

/** The thread as `/api/threads` shows it (contract section 5). */
export function threadView(thread: Thread): Record<string, unknown> {
  return {
    id: thread.id,
    object: 'thread',
    title: thread.title,
    created_at: thread.created_at,
    updated_at: thread.updated_at,
    metadata: thread.metadata,
    message_count: thread.messages.length,
  };
}
