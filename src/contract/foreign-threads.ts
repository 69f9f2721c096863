/**
 * "The other users' threads" as one user's run sees them (contract section 4.2), without a
 * copy per user: a view of every thread of the test or load run, minus the user's own. With
 * N users, N sets of N-1 ids would be N² entries; the view is one set and N small objects.
 * It grows as users create their threads, so a user who starts early still sees late threads
 * as foreign.
 */
export class ForeignThreads implements ReadonlySet<string> {
  constructor(
    private readonly all: ReadonlySet<string>,
    private readonly own: ReadonlySet<string>,
  ) {}

  has(threadId: string): boolean {
    return this.all.has(threadId) && !this.own.has(threadId);
  }

  get size(): number {
    let n = 0;
    for (const id of this.all) if (!this.own.has(id)) n += 1;
    return n;
  }

  *values(): SetIterator<string> {
    for (const id of this.all) if (!this.own.has(id)) yield id;
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const id of this.values()) yield [id, id];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const id of this.values()) callback.call(thisArg, id, id, this);
  }
}
