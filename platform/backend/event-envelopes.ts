import type { Frame } from './frames';

/** Who an event is about: the run, its user and the thread the client sent. */
export interface EventIds {
  runId: string;
  userId: string;
  threadId: string;
}

/** How one agent event is framed on the wire (contract section 4.1). */
export type FrameShape = (type: string, ids: EventIds, agentName: string, payload: Record<string, unknown>, at: number) => Frame;

const iso = (at: number): string => new Date(at).toISOString();

/** The canonical E3 envelope: ids at the top, the event's fields under `payload`. */
export const e3: FrameShape = (type, ids, agentName, payload, at) => ({
  type,
  run_id: ids.runId,
  user_id: ids.userId,
  thread_id: ids.threadId,
  agent_name: agentName,
  timestamp: iso(at),
  payload,
});

/** E4: the fields and the ids under `data`, `critical: true` at the top. */
export const e4: FrameShape = (type, ids, agentName, payload, at) => ({
  type,
  data: { ...payload, run_id: ids.runId, thread_id: ids.threadId, user_id: ids.userId, agent_name: agentName },
  timestamp: iso(at),
  critical: true,
});

/** An outer `agent_progress`/`system_message` frame whose `data.type` or `data.event` names the event. */
export function wrapped(outer: 'agent_progress' | 'system_message', key: 'type' | 'event'): FrameShape {
  return (type, ids, agentName, payload, at) => ({
    type: outer,
    data: { [key]: type, run_id: ids.runId, thread_id: ids.threadId, user_id: ids.userId, agent_name: agentName, ...payload },
    timestamp: iso(at),
  });
}

/**
 * A wrapper type no reader knows (`agent_event`) with the event named in `payload.type`: the
 * reader's third place to look, after `type` and `data.type`/`data.event`.
 */
export const unknownWrapper: FrameShape = (type, ids, agentName, payload, at) => ({
  type: 'agent_event',
  run_id: ids.runId,
  user_id: ids.userId,
  thread_id: ids.threadId,
  agent_name: agentName,
  timestamp: iso(at),
  payload: { type, ...payload },
});

/** The real backend's second, closing `agent_completed`: no ids at all. */
export const bare: FrameShape = (type, _ids, _agentName, payload) => ({ type, payload });

/** A server heartbeat in the middle of a run: keepalive, never an agent event (contract section 4). */
export const heartbeat: FrameShape = (_type, _ids, _agentName, _payload, at) => ({ type: 'heartbeat', timestamp: iso(at) });

/** An event type no reader knows, with the run's ids: recorded and tolerated (contract section 4.1). */
export const unknownEvent: FrameShape = (type, ids, _agentName, payload) => ({ type, run_id: ids.runId, thread_id: ids.threadId, payload });
