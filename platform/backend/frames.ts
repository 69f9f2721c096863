import { randomBytes, randomUUID } from 'node:crypto';
import { GOLDEN_PATH_EVENTS } from '../faults';

export type Frame = Record<string, unknown>;

export function newConnectionId(): string {
  return `main_${randomBytes(8).toString('hex')}`;
}

export function newServerId(): string {
  return `netra-backend-reference-${randomBytes(4).toString('hex')}`;
}

/** `connection_ready` is the legacy welcome type (variant `legacy-welcome`, section 4). */
export type WelcomeType = 'connection_established' | 'connection_ready';

/**
 * The canonical E1 welcome (section 4): ISO time inside `data`, unix float at the top, and the
 * user id shortened to 8 characters and an ellipsis as the real backend logs it.
 */
export function welcomeFrame(userId: string, connectionId: string, serverId: string, type: WelcomeType = 'connection_established'): Frame {
  const now = Date.now();
  return {
    type,
    data: {
      mode: 'main',
      user_id: `${userId.slice(0, 8)}…`,
      connection_id: connectionId,
      golden_path_events: [...GOLDEN_PATH_EVENTS],
      timestamp: new Date(now).toISOString(),
    },
    timestamp: now / 1000,
    server_id: serverId,
    correlation_id: randomUUID(),
  };
}

/** The flat error frame of section 4; AUTH_FAILED is followed by close 1008. */
export function errorMessageFrame(errorCode: string, errorMessage: string, details: Record<string, unknown>): Frame {
  return {
    type: 'error_message',
    error_code: errorCode,
    error_message: errorMessage,
    details,
    timestamp: new Date().toISOString(),
  };
}

/** The real backend handlers' error shape, `{"type":"error","message"}` (section 4). */
export function errorFrame(message: string): Frame {
  return { type: 'error', message, timestamp: new Date().toISOString() };
}

export function ackFrame(receivedType: string): Frame {
  return { type: 'ack', received_type: receivedType, status: 'acknowledged', timestamp: new Date().toISOString() };
}

export function pongFrame(clientTimestamp: unknown): Frame {
  return { type: 'pong', timestamp: new Date().toISOString(), ...(clientTimestamp !== undefined ? { client_timestamp: clientTimestamp } : {}) };
}

export function heartbeatFrame(): Frame {
  return { type: 'heartbeat', timestamp: new Date().toISOString() };
}
