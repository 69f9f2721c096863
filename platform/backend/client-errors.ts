import type { Variants } from '../variants';
import { type Frame, errorFrame, errorMessageFrame } from './frames';

/** What the socket answers when a client frame or token is wrong, in the deployment's own shapes. */
export interface ClientErrors {
  /** The answer to a frame that is not JSON; undefined is silence. */
  invalidJson(error: string, receivedLength: number): Frame | undefined;
  /** Another user's thread (contract section 4.2). */
  accessDenied(): Frame;
  /** Any other bad request: an empty message, a placeholder thread id, a frame that is not an object. */
  badRequest(message: string): Frame;
  /** The token refused; close 1008 follows. */
  authFailed(details: Record<string, unknown>): Frame;
}

const AUTH_FAILED_MESSAGE = 'WebSocket authentication failed';

/**
 * The reference default is the real backend's main handler: the flat `error_message` with
 * `JSON_PARSE_ERROR`, and `{"type":"error","message"}` from the other handlers. Variant
 * `error-shapes` uses the other shapes and codes contract section 4 tolerates; variant
 * `silent-malformed` says nothing to a frame that is not JSON.
 */
export function clientErrors(variants: Variants): ClientErrors {
  const shapes = variants.has('error-shapes');
  const silent = variants.has('silent-malformed');
  return {
    invalidJson: (error, receivedLength) => {
      if (silent) return undefined;
      if (shapes) return { type: 'error', message: 'Invalid JSON message', error_code: 'INVALID_JSON' };
      return errorMessageFrame('JSON_PARSE_ERROR', 'Invalid JSON in message', { error, received_length: receivedLength });
    },
    accessDenied: () =>
      shapes ? { type: 'error', payload: { error_message: 'Access denied to thread' } } : errorFrame('Access denied to thread'),
    badRequest: (message) => (shapes ? { type: 'error', message } : errorFrame(message)),
    authFailed: (details) =>
      shapes
        ? { type: 'error', payload: { error_message: AUTH_FAILED_MESSAGE, error_code: 'AUTH_FAILED', details } }
        : errorMessageFrame('AUTH_FAILED', AUTH_FAILED_MESSAGE, details),
  };
}
