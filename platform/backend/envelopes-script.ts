import type { Faults } from '../faults';
import { AGENT_NAME, type RunSubject, type ScriptStep, type StepTiming, TOOL_NAME, agentScript, answerFor, step } from './agent-script';
import { bare, e4, heartbeat, unknownEvent, unknownWrapper, wrapped } from './event-envelopes';

const SUB_AGENT = 'research_agent';
const SUB_TOOL = 'web_lookup';

/**
 * The six places contract section 4.1 lets the answer live in, in the reader's order. Run n of
 * the `envelopes` variant puts its answer in field n mod 6 and leaves the others out.
 */
export const ANSWER_FIELDS = ['result.response', 'result.final_response', 'result.content', 'final_response', 'content', 'message'] as const;

export type AnswerField = (typeof ANSWER_FIELDS)[number];

export function answerFieldOf(runNumber: number): AnswerField {
  return ANSWER_FIELDS[runNumber % ANSWER_FIELDS.length]!;
}

/** `{"result":{"response":answer}}`, `{"content":answer}`, … with the run's other fields beside it. */
export function placeAnswer(field: AnswerField, answer: string, rest: Record<string, unknown>): Record<string, unknown> {
  const [outer, inner] = field.split('.') as [string, string | undefined];
  return inner ? { ...rest, [outer]: { [inner]: answer } } : { ...rest, [outer]: answer };
}

const noise = (type: string, shape: ScriptStep['shape'], follows = false): ScriptStep => ({
  type,
  follows,
  shape,
  payload: () => ({ status: 'working' }),
});

/**
 * Variant `envelopes`: one run that uses every tolerated envelope and answer field at once, with
 * keepalive and noise in between (contract sections 4 and 4.1). A sub-agent runs the whole
 * pattern inside the supervisor's run and completes with a summary that is not the answer; the
 * supervisor's own completion carries the answer, in one field, and the bare closing
 * `agent_completed` repeats it. Faults that end the story early keep the reference script.
 */
export function envelopesScript(subject: RunSubject, faults: Faults, field: AnswerField): ScriptStep[] {
  if (faults.has('stall') || faults.has('agent-error')) return agentScript(subject, faults);
  const answer = answerFor(subject.content);
  const completion = (timing: StepTiming) =>
    placeAnswer(field, answer, { status: 'completed', execution_time_ms: timing.sinceStartMs });
  const subSummary = `${SUB_AGENT} found 2 public sources for the request`;

  const subAgent: ScriptStep[] = [
    { ...step.started(subject, SUB_AGENT), shape: wrapped('agent_progress', 'type') },
    { ...step.toolExecuting(SUB_TOOL, subject.content), agentName: SUB_AGENT, shape: wrapped('system_message', 'event') },
    { ...step.toolCompleted(SUB_TOOL, 'Fetched 2 public sources'), agentName: SUB_AGENT, shape: e4 },
    {
      type: 'agent_completed',
      agentName: SUB_AGENT,
      payload: (timing) => ({ status: 'completed', result: { response: subSummary }, execution_time_ms: timing.sincePreviousMs }),
    },
  ];
  const pair = [
    step.toolExecuting(TOOL_NAME, subject.content),
    { ...step.toolCompleted(TOOL_NAME, 'Found 3 notes relevant to the request'), shape: unknownWrapper },
  ];
  return [
    step.started(subject, AGENT_NAME),
    { ...step.thinking(1, 20, 'Reading the request and handing the research to a sub-agent'), shape: e4 },
    noise('agent_status_update', unknownEvent),
    noise('heartbeat', heartbeat),
    ...subAgent,
    step.thinking(2, 60, `Checking the findings against the knowledge base with ${TOOL_NAME}`),
    ...(faults.has('reorder-tools') ? pair.reverse() : pair),
    { type: 'agent_completed', answer, payload: completion },
    { type: 'agent_completed', follows: true, shape: bare, payload: completion },
    noise('heartbeat', heartbeat, true),
    noise('agent_status_update', unknownEvent, true),
  ];
}
