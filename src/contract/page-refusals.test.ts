import { expect, test } from '@playwright/test';
import { describeRefusals, originOf, PlatformOrigins } from './page-refusals';

/** What Chromium reported through Playwright, recorded against a page with `connect-src 'self'`, a backend without CORS headers, and a closed port. */
const platform = new PlatformOrigins(['http://localhost:8081', 'http://localhost:8000', 'ws://localhost:8000/ws']);

test('origins: ws and wss are read as http and https, so the socket shares the backend origin', () => {
  expect(originOf('wss://api.example.test/ws')).toBe('https://api.example.test');
  expect(originOf('ws://localhost:8000/ws')).toBe('http://localhost:8000');
  expect(originOf('not a url')).toBeUndefined();
  expect(platform.has('http://localhost:8081/auth/config')).toBe(true);
  expect(platform.has('http://localhost:3000/chat')).toBe(false);
  expect(platform.has('https://www.googletagmanager.com/gtm.js')).toBe(false);
});

test('a Content-Security-Policy refusal: the violation event, and the console line', () => {
  expect(platform.fromViolation({ blockedURI: 'ws://localhost:8000/ws', violatedDirective: 'connect-src' })).toEqual({
    url: 'ws://localhost:8000/ws',
    reason: "refused by the page's Content-Security-Policy (connect-src)",
  });
  const line = `Connecting to 'http://localhost:8081/auth/config' violates the following Content Security Policy directive: "connect-src 'self'". The action has been blocked.`;
  expect(platform.fromConsole(line)).toEqual({ url: 'http://localhost:8081/auth/config', reason: `refused by the page's Content-Security-Policy ("connect-src 'self'")` });
  const older = `Refused to connect to 'ws://localhost:8000/ws' because it violates the following Content Security Policy directive: "connect-src 'self'".`;
  expect(platform.fromConsole(older)?.url).toBe('ws://localhost:8000/ws');
});

test('a CORS rejection names the policy; mixed content its block', () => {
  const cors = `Access to fetch at 'http://localhost:8000/api/threads' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
  expect(platform.fromConsole(cors)).toEqual({ url: 'http://localhost:8000/api/threads', reason: "blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource." });
  const secure = new PlatformOrigins(['http://api.example.test']);
  const mixed = `Mixed Content: The page at 'https://app.example.test/chat' was loaded over HTTPS, but requested an insecure resource 'http://api.example.test/api/threads'. This request has been blocked; the content must be served over HTTPS.`;
  expect(secure.fromConsole(mixed)).toEqual({ url: 'http://api.example.test/api/threads', reason: 'blocked as mixed content: This request has been blocked; the content must be served over HTTPS.' });
});

test('a network failure counts; an abort by navigation, the suite\'s own third-party block and other origins do not', () => {
  expect(platform.fromFailedRequest('http://localhost:8000/api/threads', 'net::ERR_CONNECTION_REFUSED')).toEqual({ url: 'http://localhost:8000/api/threads', reason: 'failed at the network level: net::ERR_CONNECTION_REFUSED' });
  expect(platform.fromFailedRequest('http://localhost:8000/api/threads', 'net::ERR_ABORTED')).toBeUndefined();
  expect(platform.fromFailedRequest('http://localhost:8000/x', 'net::ERR_BLOCKED_BY_CLIENT')).toBeUndefined();
  expect(platform.fromFailedRequest('https://www.google-analytics.com/collect', 'net::ERR_FAILED')).toBeUndefined();
  expect(platform.fromConsole('Failed to load resource: net::ERR_FAILED')).toBeUndefined();
  expect(platform.fromConsole(`Connecting to 'https://cdn.example.test/x' violates the following Content Security Policy directive: "connect-src 'self'".`)).toBeUndefined();
});

test('several refusals of one URL are named once', () => {
  const r = { url: 'ws://localhost:8000/ws', reason: 'refused' };
  expect(describeRefusals([r, r, { url: 'http://localhost:8081/auth/config', reason: 'refused' }])).toBe('ws://localhost:8000/ws (refused); http://localhost:8081/auth/config (refused)');
});
