/**
 * The golden path's default worker count (GOLDEN_WORKERS overrides it): three keeps the
 * browser stages fed on a 2-core machine; four was faster but starved Chromium (README,
 * Benchmarks). Read by playwright.config.ts and by the benchmark, which reports what QA gets.
 */
export const DEFAULT_GOLDEN_WORKERS = 3;
