import type { ThreadOwnership } from './follow-run';

/**
 * One user's threads as the suite knows them (contract 4.1): those the client created, and
 * whatever the backend says when an unknown thread's events arrive on the user's socket (other
 * tabs, or the suite's parallel tests when one user runs them all). Each question asks afresh:
 * a thread another test created a moment ago is listed only from then on.
 */
export class OwnThreads {
  private readonly known = new Set<string>();

  constructor(private readonly ask: (threadId: string) => Promise<boolean>) {}

  add(threadId: string): void {
    this.known.add(threadId);
  }

  get ids(): ReadonlySet<string> {
    return this.known;
  }

  readonly owns: ThreadOwnership = async (threadId) => {
    if (this.known.has(threadId)) return true;
    const owned = await this.ask(threadId);
    if (owned) this.known.add(threadId);
    return owned;
  };
}
