import type { Faults } from '../faults';
import { type EventIds, type FrameShape, bare, e3 } from './event-envelopes';
import type { Frame } from './frames';

export const AGENT_NAME = 'supervisor';
export const TOOL_NAME = 'knowledge_search';
const MAX_ECHO_CHARS = 2000;

export interface RunSubject extends EventIds {
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
  /** Sent at once after the step before it, without a pause (the bare completion, trailing noise). */
  follows?: boolean;
  /** The run's answer, saved to the thread when this step is reached. */
  answer?: string;
  /** The agent the event is about; the supervisor when absent. */
  agentName?: string;
  /** How the step is framed; the canonical E3 envelope when absent. */
  shape?: FrameShape;
  payload(timing: StepTiming): Record<string, unknown>;
}

/** An answer that visibly answers the message, so a reader can tell it belongs to this run. */
export function answerFor(content: string): string {
  const echo = content.length > MAX_ECHO_CHARS ? `${content.slice(0, MAX_ECHO_CHARS)}…` : content;
  return (
    `Here is the answer to your message "${echo}": the Netra reference agent read it, ` +
    `searched its knowledge base (3 matching notes) and confirms the request went through the ` +
    `whole golden path, from your message to this reply.`
  );
}

/** The steps both scripts are made of; each variant frames them its own way. */
export const step = {
  started(subject: RunSubject, agentName = AGENT_NAME): ScriptStep {
    return {
      type: 'agent_started',
      agentName,
      payload: () => ({
        status: 'started',
        message: `${agentName} agent started processing your request`,
        context: { ...subject.context, user_request: subject.content, thread_id: subject.threadId },
      }),
    };
  },
  thinking(number: number, progress: number, reasoning: string): ScriptStep {
    return {
      type: 'agent_thinking',
      payload: () => ({ reasoning, step_number: number, progress_percentage: progress, status: 'thinking' }),
    };
  },
  toolExecuting(toolName: string, query: string): ScriptStep {
    return {
      type: 'tool_executing',
      payload: () => ({ tool_name: toolName, parameters: { query: query.slice(0, 200), max_results: 3 }, status: 'executing' }),
    };
  },
  toolCompleted(toolName: string, summary: string): ScriptStep {
    return {
      type: 'tool_completed',
      payload: (timing) => ({
        tool_name: toolName,
        result: { items_found: 3, summary },
        execution_time_ms: timing.sincePreviousMs,
        status: 'completed',
      }),
    };
  },
  agentError(): ScriptStep {
    const message = 'Agent execution failed: LLM provider request timed out after 30.0s';
    return { type: 'agent_error', payload: () => ({ status: 'error', error: message, error_message: message }) };
  },
};

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
  const started = step.started(subject);
  const firstThinking = step.thinking(1, 20, `Reading the request and deciding how to answer it`);
  if (faults.has('stall')) return [started, firstThinking];
  if (faults.has('agent-error')) return [started, firstThinking, step.agentError()];

  const pair = [step.toolExecuting(TOOL_NAME, subject.content), step.toolCompleted(TOOL_NAME, 'Found 3 notes relevant to the request')];
  return [
    started,
    firstThinking,
    step.thinking(2, 40, `Searching the knowledge base with ${TOOL_NAME}`),
    ...(faults.has('reorder-tools') ? pair.reverse() : pair),
    step.thinking(3, 80, 'Writing the answer from 3 findings'),
    {
      type: 'agent_completed',
      answer,
      payload: (timing) => ({ status: 'completed', result: result(timing), execution_time_ms: timing.sinceStartMs }),
    },
    {
      type: 'agent_completed',
      follows: true,
      shape: bare,
      payload: (timing) => ({ status: 'completed', result: result(timing), final_response: answer }),
    },
  ];
}

/** The step as a frame: its own shape, or the canonical E3 envelope (section 4.1). */
export function envelope(s: ScriptStep, subject: RunSubject, payload: Record<string, unknown>, at: number): Frame {
  return (s.shape ?? e3)(s.type, subject, s.agentName ?? AGENT_NAME, payload, at);
}
