import type { ScriptStep } from './agent-script';

/** The pause before each step of one run: index 0 is the first event, counted from the message. */
export interface RunPacing {
  pauseMs(index: number): number;
}

/** Makes the pacing of one run from its steps (the real model's pacing spreads a duration over them). */
export type PacingPlan = (steps: readonly ScriptStep[]) => RunPacing;

/** The reference default: the same pause before every step. */
export function steadyPacing(stepMs: number): PacingPlan {
  return () => ({ pauseMs: () => stepMs });
}

/** Variant `real-pacing` (contract sections 6 and 7): what a real model run looks like from outside. */
export const REAL_MODEL = {
  /** A whole run, message to completion, drawn once per run. */
  runMs: { min: 10_000, max: 20_000 },
  /** The model's first event comes quickly: the supervisor starts before it thinks. */
  firstEventMs: { min: 500, max: 1_500 },
  /** Relative weight of one gap; the widest share stays far below the contract's 15 s soft gap. */
  gapWeight: { min: 0.6, max: 1.4 },
} as const;

const between = (range: { min: number; max: number }, random: () => number): number => range.min + random() * (range.max - range.min);

/**
 * A run of 10–20 s: the first event after 0.5–1.5 s, the rest of the duration spread over the
 * paced steps with random weights, so there are seconds between events; steps that follow their
 * predecessor at once (the bare completion) get no pause.
 */
export function realModelPacing(random: () => number = Math.random): PacingPlan {
  return (steps) => {
    const first = between(REAL_MODEL.firstEventMs, random);
    const weights = steps.map((s, i) => (i === 0 || s.follows ? 0 : between(REAL_MODEL.gapWeight, random)));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const spread = between(REAL_MODEL.runMs, random) - first;
    const pauses = weights.map((w, i) => (i === 0 ? first : total > 0 ? Math.round((spread * w) / total) : 0));
    return { pauseMs: (index) => pauses[index] ?? 0 };
  };
}
