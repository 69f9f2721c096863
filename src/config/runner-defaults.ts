/**
 * The golden path's default worker count per environment (GOLDEN_WORKERS overrides it).
 * Locally the suite, Chromium and the reference platform share the machine's cores: on 2 cores
 * with Node 20 three was the fastest (two, four and five measured slower: every worker costs
 * Playwright's own start-up; docs/benchmarks.md). Against a deployment the tests spend their time
 * waiting on the network and on a real model (runs of 10–20 s), not on the CPU: six workers let
 * the six tests that wait longest (the five that run the agent, and the page load) wait at the
 * same time instead of queueing.
 * Read by playwright.config.ts and by the benchmark, which reports what QA gets.
 */
export const DEFAULT_GOLDEN_WORKERS = 3;
export const REMOTE_GOLDEN_WORKERS = 6;

export function defaultGoldenWorkers(environment: string | undefined): number {
  return environment === undefined || environment === 'local' ? DEFAULT_GOLDEN_WORKERS : REMOTE_GOLDEN_WORKERS;
}
