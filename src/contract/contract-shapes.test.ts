import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyDrift, catalogNames, closeDrift, frameDrift } from './contract-shapes';
import { normaliseFrame } from './events';

const recorded = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'recorded', name), 'utf8')) as Record<string, unknown>[];
const drift = (frame: unknown) => frameDrift(normaliseFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), 0));
const names = (frame: unknown) => drift(frame).map((d) => `${d.kind} ${d.name}`);
const thinking = { type: 'agent_thinking', run_id: 'run_1', user_id: 'u', thread_id: 't', agent_name: 'supervisor', timestamp: '2026-12-07T00:00:00Z', payload: { reasoning: 'r', step_number: 1, progress_percentage: 20, status: 'thinking' } };

test.describe('contract drift: what the platform sent that the contract does not list', () => {
  test('a run recorded from the reference platform (welcome, the five events, the bare trailer) shows none', () => {
    expect(recorded('reference-run.json').flatMap(names)).toEqual([]);
  });

  test('every tolerated envelope (E3, E4, outer frames, acks, keepalive) is listed; only the unknown types are drift', () => {
    const seen = [...new Set(recorded('envelopes-run.json').flatMap(names))].sort();
    // The recorded envelopes run: an unknown status event, and a wrapper named after no envelope of section 4.1.
    expect(seen).toEqual(['event_type agent_event', 'event_type agent_status_update']);
  });

  test('an unknown event type, an unknown payload field and an unknown envelope field are named where they are', () => {
    expect(names({ type: 'agent_response_chunk', run_id: 'run_1', payload: { chunk: 'Here' } })).toEqual(['event_type agent_response_chunk']);
    expect(names({ ...thinking, payload: { ...thinking.payload, confidence: 0.8 } })).toEqual(['field agent_thinking.payload.confidence']);
    expect(names({ ...thinking, trace_id: 'abc' })).toEqual(['field agent_thinking.trace_id']);
    // E4: the same field under data is named under data.
    expect(names({ type: 'agent_thinking', data: { reasoning: 'r', run_id: 'run_1', confidence: 0.8 }, critical: true })).toEqual(['field agent_thinking.data.confidence']);
    expect(drift({ ...thinking, payload: { ...thinking.payload, confidence: 0.8 } })[0]?.example).toMatch(/^payload\.confidence: 0\.8 in \{"type":"agent_thinking"/);
  });

  test('an outer frame naming an unknown event is drift under the name it carries', () => {
    expect(names({ type: 'system_message', data: { event: 'agent_status_update', run_id: 'r' } })).toEqual(['event_type agent_status_update']);
    expect(names({ type: 'agent_progress', data: { note: 'maintenance' } })).toEqual(['event_type agent_progress (naming no event)']);
  });

  test('welcome, error and ack frames are judged by their own shapes; keepalive by type only', () => {
    expect(names({ type: 'connection_established', data: { mode: 'main', user_id: 'u…', connection_id: 'c', golden_path_events: [], timestamp: 't', region: 'eu' }, timestamp: 1 })).toEqual(['field connection_established.data.region']);
    expect(names({ type: 'error_message', error_code: 'JSON_PARSE_ERROR', error_message: 'bad', details: {}, timestamp: 't' })).toEqual([]);
    expect(names({ type: 'error', message: 'Access denied to thread', timestamp: 't' })).toEqual([]);
    expect(names({ type: 'error', payload: { error_message: 'no', error_code: 'AUTH_FAILED' } })).toEqual([]);
    expect(names({ type: 'ack', received_type: 'x', status: 'acknowledged' })).toEqual([]);
    expect(names({ type: 'pong', timestamp: 1, client_timestamp: 2, server_time: 3 })).toEqual([]);
  });

  test('error codes the contract does not name are drift, in either place a code may sit', () => {
    expect(names({ type: 'error', message: 'Invalid JSON message', error_code: 'INVALID_JSON' })).toEqual(['error_code INVALID_JSON']);
    expect(names({ type: 'error', payload: { error_message: 'slow down', error_code: 'RATE_LIMITED' } })).toEqual(['error_code RATE_LIMITED']);
  });

  test('a frame that is not a JSON object, or has no type, is drift too', () => {
    expect(names('hello')).toEqual(['event_type (not a JSON object)']);
    expect(names({ run_id: 'r' })).toEqual(['event_type (no type)']);
  });

  test('the bare closing agent_completed has the answer itself as its payload: not judged field by field', () => {
    expect(names({ type: 'agent_completed', payload: { response: 'the answer', agent_name: 'supervisor', anything: 1 } })).toEqual([]);
    expect(names({ type: 'agent_completed', run_id: 'r', payload: { status: 'completed', result: {}, tokens_used: 12 } })).toEqual(['field agent_completed.payload.tokens_used']);
  });

  test('close codes: 1000, 1008 and 1011 are listed; 1005, 1006 and 1015 never travel on the wire', () => {
    for (const code of [1000, 1008, 1011, 1005, 1006, 1015]) expect(closeDrift(code, '')).toEqual([]);
    expect(closeDrift(1013, 'try again later')).toEqual([{ kind: 'close_code', name: '1013', example: 'close 1013: try again later' }]);
  });

  test('health and config keys: the contract\'s keys pass, nested shapes are looked into, the rest is drift', () => {
    const check = { status: 'healthy', connected: true, response_time_ms: 1, error: null };
    const apiHealth = { status: 'healthy', timestamp: 't', uptime_seconds: 1, version: '1', environment: 'e', checks: { postgresql: check, redis: check, clickhouse: check } };
    expect(bodyDrift('backend', '/api/health', apiHealth)).toEqual([]);
    expect(bodyDrift('backend', '/api/health', { detail: { ...apiHealth, status: 'unhealthy' } })).toEqual([]);
    expect(bodyDrift('backend', '/api/health', { ...apiHealth, checks: { ...apiHealth.checks, vector_db: check } }).map((d) => d.name)).toEqual(['backend /api/health: checks.vector_db']);
    expect(bodyDrift('backend', '/health/ready', { status: 'ready', core_db: 'connected', websocket_readiness: { status: 'ready', websocket_ready: true, sockets: 3 } }).map((d) => d.name)).toEqual([
      'backend /health/ready: websocket_readiness.sockets',
    ]);
    // /ws/health's components are open ({…} in the contract).
    expect(bodyDrift('backend', '/ws/health', { status: 'healthy', timestamp: 't', mode: 'main', components: { anything: {} } })).toEqual([]);
    expect(bodyDrift('auth', '/auth/health', { status: 'healthy', database_status: 'connected', version: '1.0.0' })).toEqual([
      { kind: 'health_key', name: 'auth /auth/health: version', example: 'version: "1.0.0"' },
    ]);
    expect(bodyDrift('auth', '/auth/config', { development_mode: true, endpoints: { login: 'l', sso: 's' }, saml_enabled: false }).map((d) => `${d.kind} ${d.name}`)).toEqual([
      'config_key auth /auth/config: endpoints.sso',
      'config_key auth /auth/config: saml_enabled',
    ]);
    // A body that is not an object (a proxy's HTML page) holds no keys to judge.
    expect(bodyDrift('backend', '/health', undefined)).toEqual([]);
  });
});

test('the catalog lists nothing the contract does not name: every type, key and code is in docs/platform-contract.md', () => {
  const doc = readFileSync(path.join(__dirname, '../../docs/platform-contract.md'), 'utf8');
  const named = new Set([...doc.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.match(/[A-Za-z_][A-Za-z0-9_]*|\d{4}/g) ?? []));
  const unnamed = [...catalogNames()].filter((n) => !named.has(n));
  expect(unnamed, 'listed by src/contract/contract-shapes.ts but named nowhere in the contract').toEqual([]);
});

test('drift is only ever a finding: no frame and no body, however odd, makes reading it throw', () => {
  expect(() => fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('agent_thinking', 'agent_completed', 'error', 'connection_established', 'system_message', 'ack', 'x'), payload: fc.jsonValue(), data: fc.jsonValue(), run_id: fc.jsonValue() })), (value) =>
      drift(JSON.stringify(value) ?? 'null').every((s) => typeof s.name === 'string' && typeof s.example === 'string') && Array.isArray(bodyDrift('backend', '/api/health', value)),
    ),
    { numRuns: 1_000 },
  )).not.toThrow();
});
