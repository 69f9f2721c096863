/**
 * The golden path's default worker count per environment (GOLDEN_WORKERS overrides it).
 * Locally the suite, Chromium and the reference platform share the machine's cores: three keeps
 * the browser stages fed on a 2-core machine; four was faster but starved Chromium (README,
 * Benchmarks). Against a deployment the tests spend their time waiting on the network and on a
 * real model (runs of 10–20 s), not on the CPU: six workers let the six tests that wait longest
 * (the five that run the agent, and the page load) wait at the same time instead of queueing.
 * Read by playwright.config.ts and by the benchmark, which reports what QA gets.
 */
export const DEFAULT_GOLDEN_WORKERS = 3;
export const REMOTE_GOLDEN_WORKERS = 6;

/**
 * The lock (Playwright's test `lock` detail) the golden tests that open the chat page share: the
 * two never run at once, and the second usually runs in the worker the first one freed, in the
 * browser it already launched. Two page loads at once on a 2-core machine each took as long as
 * both one after the other, and slowed every socket test beside them (README, Benchmarks);
 * against a deployment the two wait on the network like any other test, a few seconds in all
 * next to the longest chain. Every spec that uses `chatPage` declares it, and only those
 * (src/verdict/golden-manifest.test.ts).
 */
export const BROWSER_LANE = 'golden-browser';

export function defaultGoldenWorkers(environment: string | undefined): number {
  return environment === undefined || environment === 'local' ? DEFAULT_GOLDEN_WORKERS : REMOTE_GOLDEN_WORKERS;
}
