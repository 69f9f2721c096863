import { failureClassOf, GoldenPathFailure, type FailureClass } from '../contract/failure-classes';

/**
 * Many users, one verdict: 100 % must succeed (contract section 6), so one failed user fails
 * the step, and the message says how many failed, how, and shows the first few in full.
 * An isolation breach outranks everything else: it is the failure that hides behind the others.
 */
export interface UserFailure {
  user: string;
  message: string;
}

const SHOWN = 3;

export function crowdFailure(measure: string, total: number, failures: readonly UserFailure[]): Error {
  const classes = failures.map((f) => failureClassOf(f.message));
  const counts = new Map<FailureClass, number>();
  for (const c of classes) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  const chosen: FailureClass | undefined = counts.has('ISOLATION_BREACH')
    ? 'ISOLATION_BREACH'
    : [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const byClass = [...counts].map(([c, n]) => `${n}× ${c}`).join(', ');
  const shown = failures
    .slice()
    .sort((a, b) => Number(failureClassOf(b.message) === chosen) - Number(failureClassOf(a.message) === chosen))
    .slice(0, SHOWN)
    .map((f) => `${f.user}: ${f.message.split('\n')[0]?.replace(/^\s*Error:\s*/, '')}`)
    .join(' | ');
  const more = failures.length > SHOWN ? ` | … and ${failures.length - SHOWN} more` : '';
  const detail = `${failures.length} of ${total} users failed at "${measure}"${byClass ? ` (${byClass})` : ''}: ${shown}${more}`;
  return chosen ? new GoldenPathFailure(chosen, detail) : new Error(detail);
}
