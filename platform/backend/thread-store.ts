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

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** In memory: the reference platform forgets everything when it stops, on purpose. */
export class ThreadStore {
  private readonly threads = new Map<string, Thread>();

  create(id: string, owner: string, title: string, metadata: Record<string, unknown> = {}): Thread {
    const now = nowSeconds();
    const thread: Thread = { id, owner, title, created_at: now, updated_at: now, metadata, messages: [] };
    this.threads.set(id, thread);
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

  rename(thread: Thread, title: string): void {
    thread.title = title;
    thread.updated_at = nowSeconds();
  }

  append(thread: Thread, message: Omit<ThreadMessage, 'created_at'>): void {
    thread.messages.push({ ...message, created_at: nowSeconds() });
    thread.updated_at = nowSeconds();
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
