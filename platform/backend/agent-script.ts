import type { Faults } from '../faults';
import type { Frame } from './frames';

const AGENT_NAME = 'supervisor';
const TOOL_NAME = 'knowledge_search';
const MAX_ECHO_CHARS = 2000;

export interface RunSubject {
  runId: string;
  userId: string;
  threadId: string;
  content: string;
  context: Record<string, unknown>;
}

export interface StepTiming {
  /** Milliseconds since the run's first event was due. */
  sinceStartMs: number;
  /** Milliseconds since the previous step was sent. */
  sincePreviousMs: number;
}

export interface ScriptStep {
  type: string;
  /** The real backend's second, id-less `agent_completed` (section 4.1). */
  bare?: boolean;
  /** The run's answer is saved to the thread when this step is reached. */
  completes?: boolean;
  payload(timing: StepTiming): Record<string, unknown>;
}

/** An answer that visibly answers the message, so a reader can tell it belongs to this run. */
function answerFor(content: string): string {
  const echo = content.length > MAX_ECHO_CHARS ? `${content.slice(0, MAX_ECHO_CHARS)}…` : content;
  return (
    `Here is the answer to your message "${echo}": the Netra reference agent read it, ` +
    `searched its knowledge base (3 matching notes) and confirms the request went through the ` +
    `whole golden path, from your message to this reply.`
  );
}

/**
 * The steps of one run in contract order (section 4.1): started, thinking, thinking, the tool
 * pair, thinking, completed, then the bare completed. Faults that change the story itself are
 * applied here; dropping an event type happens at send time so the answer is still saved.
 */
export function agentScript(subject: RunSubject, faults: Faults): ScriptStep[] {
  const answer = answerFor(subject.content);
  const result = (timing: StepTiming): Record<string, unknown> => ({
    response: answer,
    agent_name: AGENT_NAME,
    thread_id: subject.threadId,
    run_id: subject.runId,
    execution_time_ms: timing.sinceStartMs,
  });

  const started: ScriptStep = {
    type: 'agent_started',
    payload: () => ({
      status: 'started',
      message: `${AGENT_NAME} agent started processing your request`,
      context: { ...subject.context, user_request: subject.content, thread_id: subject.threadId },
    }),
  };
  const thinking = (step: number, progress: number, reasoning: string): ScriptStep => ({
    type: 'agent_thinking',
    payload: () => ({ reasoning, step_number: step, progress_percentage: progress, status: 'thinking' }),
  });
  const toolExecuting: ScriptStep = {
    type: 'tool_executing',
    payload: () => ({ tool_name: TOOL_NAME, parameters: { query: subject.content.slice(0, 200), max_results: 3 }, status: 'executing' }),
  };
  const toolCompleted: ScriptStep = {
    type: 'tool_completed',
    payload: (timing) => ({
      tool_name: TOOL_NAME,
      result: { items_found: 3, summary: 'Found 3 notes relevant to the request' },
      execution_time_ms: timing.sincePreviousMs,
      status: 'completed',
    }),
  };
  const completed: ScriptStep = {
    type: 'agent_completed',
    completes: true,
    payload: (timing) => ({ status: 'completed', result: result(timing), execution_time_ms: timing.sinceStartMs }),
  };
  const bareCompleted: ScriptStep = {
    type: 'agent_completed',
    bare: true,
    payload: (timing) => ({ status: 'completed', result: result(timing), final_response: answer }),
  };
  const firstThinking = thinking(1, 20, `Reading the request and deciding how to answer it`);

  if (faults.has('stall')) return [started, firstThinking];
  if (faults.has('agent-error')) {
    const message = 'Agent execution failed: LLM provider request timed out after 30.0s';
    return [started, firstThinking, { type: 'agent_error', payload: () => ({ status: 'error', error: message, error_message: message }) }];
  }
  const tools = faults.has('reorder-tools') ? [toolCompleted, toolExecuting] : [toolExecuting, toolCompleted];
  return [
    started,
    firstThinking,
    thinking(2, 40, `Searching the knowledge base with ${TOOL_NAME}`),
    ...tools,
    thinking(3, 80, 'Writing the answer from 3 findings'),
    completed,
    bareCompleted,
  ];
}

/** Canonical E3 envelope (section 4.1); the bare completion carries no ids at all. */
export function envelope(step: ScriptStep, subject: RunSubject, payload: Record<string, unknown>, at: number): Frame {
  if (step.bare) return { type: step.type, payload };
  return {
    type: step.type,
    run_id: subject.runId,
    user_id: subject.userId,
    thread_id: subject.threadId,
    agent_name: AGENT_NAME,
    timestamp: new Date(at).toISOString(),
    payload,
  };
}
