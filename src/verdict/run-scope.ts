/**
 * Whether a run is the whole golden path, narrowed on purpose, or one shard (contract
 * section 7: a partial run is never a golden-path pass). Decided from what a reporter can see:
 * `config.argv` (the runner's command line; empty when the test server behind UI mode and the
 * VS Code extension runs tests, where the person picked the tests) and `config.shard`. The
 * config's own filters (grep, testDir) are part of the suite, never a narrowing.
 *
 * The rule: a run is PARTIAL when its command line holds test-file arguments, `--grep`,
 * `--grep-invert`, `--last-failed`, `--only-changed`, `--test-list(-invert)`, or it came from
 * the test server. Even then, a declared golden test that the narrowing itself selects (its
 * title matches the grep, its stage folder matches a file argument) and that did not run has
 * disappeared, and fails the run like a missing test of a full run.
 */
export interface Shard {
  current: number;
  total: number;
}

export interface Narrowing {
  locations: string[];
  grep?: string;
  grepInvert?: string;
  /** Filters whose selection the reporter cannot recompute: it never claims a test for them. */
  opaque: string[];
}

export type RunScope = { kind: 'full' } | { kind: 'partial'; narrowing: Narrowing } | { kind: 'shard'; shard: Shard };

/** Options of `playwright test` that take a value: their value is never a file argument. */
const WITH_VALUE = new Set([
  '-c', '--config', '--project', '--reporter', '-j', '--workers', '--retries', '--repeat-each', '--shard', '--timeout',
  '--output', '--max-failures', '--global-timeout', '--browser', '--trace', '--tsconfig', '--ui-host', '--ui-port',
  '--last-failed-file', '--update-source-method', '-g', '--grep', '-G', '--grep-invert', '--test-list', '--test-list-invert',
]);
const OPAQUE = ['--last-failed', '--only-changed', '--test-list', '--test-list-invert'];

export function narrowingOf(argv: readonly string[]): Narrowing | undefined {
  if (argv.length === 0) return { locations: [], opaque: ['tests picked in UI mode or the VS Code extension'] };
  const command = argv.indexOf('test', 2);
  if (command < 0) return undefined;
  const narrowing: Narrowing = { locations: [], opaque: [] };
  for (let i = command + 1; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? (WITH_VALUE.has(name) ? argv[++i] : undefined);
    if (name === '-g' || name === '--grep') narrowing.grep = value();
    else if (name === '-G' || name === '--grep-invert') narrowing.grepInvert = value();
    else if (OPAQUE.includes(name)) {
      narrowing.opaque.push(name);
      value();
    } else if (name.startsWith('-')) value();
    else narrowing.locations.push(arg);
  }
  const narrowed = narrowing.locations.length > 0 || narrowing.grep !== undefined || narrowing.grepInvert !== undefined || narrowing.opaque.length > 0;
  return narrowed ? narrowing : undefined;
}

export function runScope(argv: readonly string[], shard: Shard | null | undefined): RunScope {
  if (shard && shard.total > 1) return { kind: 'shard', shard };
  const narrowing = narrowingOf(argv);
  return narrowing ? { kind: 'partial', narrowing } : { kind: 'full' };
}

/**
 * Whether the narrowing certainly selects a declared test: then it must have run. A regex
 * that does not compile selects nothing we can vouch for.
 */
export function narrowingSelects(n: Narrowing, test: { stage: string; title: string; writes: boolean }, stageFolder: string): boolean {
  if (n.opaque.length > 0) return false;
  const matches = (source: string, text: string) => {
    try {
      return new RegExp(source).test(text);
    } catch {
      return undefined;
    }
  };
  const grepText = `${test.title}${test.writes ? ' @writes' : ''}`;
  if (n.grep !== undefined && matches(n.grep, grepText) !== true) return false;
  // Playwright matches the project name and file path too: any of them excluded, no claim.
  if (n.grepInvert !== undefined && matches(n.grepInvert, `${grepText} ${stageFolder}/`) !== false) return false;
  if (n.locations.length === 0) return true;
  // `path/to/file.spec.ts:42` names a line; the folder rule reads the path only.
  return n.locations.some((l) => matches(l.replace(/:\d+(:\d+)?$/, ''), `${stageFolder}/`) === true);
}

export function describeNarrowing(n: Narrowing): string {
  const parts = [
    ...n.locations.map((l) => `file ${l}`),
    ...(n.grep !== undefined ? [`--grep ${n.grep}`] : []),
    ...(n.grepInvert !== undefined ? [`--grep-invert ${n.grepInvert}`] : []),
    ...n.opaque,
  ];
  return parts.join(', ');
}
