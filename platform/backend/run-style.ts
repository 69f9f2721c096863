import type { Faults } from '../faults';
import type { Variants } from '../variants';
import { aheadOfContract } from './ahead-of-contract';
import { type RunSubject, type ScriptStep, agentScript } from './agent-script';
import { answerFieldOf, envelopesScript } from './envelopes-script';
import { type PacingPlan, realModelPacing, steadyPacing } from './run-pacing';

/** How the agent runs on this deployment: its script, its pacing and what it says first. */
export interface RunStyle {
  /** The next run's steps; `envelopes` rotates the answer field from run to run. */
  script(subject: RunSubject): ScriptStep[];
  pacing: PacingPlan;
  /** `envelopes`: the client's message is acknowledged before the run starts. */
  acknowledges: boolean;
  /** `user-broadcast`: the acknowledgement, like every frame of the run, goes to every socket of the user. */
  acknowledgesToUser: boolean;
}

export function runStyle(faults: Faults, variants: Variants, stepMs: number): RunStyle {
  let runNumber = 0;
  const envelopes = variants.has('envelopes');
  const ahead = variants.has('ahead-of-contract');
  const base = (subject: RunSubject) => (envelopes ? envelopesScript(subject, faults, answerFieldOf(runNumber++)) : agentScript(subject, faults));
  return {
    script: (subject) => (ahead ? aheadOfContract(base(subject)) : base(subject)),
    pacing: variants.has('real-pacing') ? realModelPacing() : steadyPacing(stepMs),
    acknowledges: envelopes,
    acknowledgesToUser: variants.has('user-broadcast'),
  };
}
