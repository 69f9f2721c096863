import { expect, test } from '@playwright/test';
import { findSecrets, MASK, redactText, registerSecret } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXYtdXNlci0wMDEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

test('JWTs, their base64url subprotocol form and registered secrets are masked', () => {
  registerSecret('s3cret-bypass-key');
  const encoded = `jwt.${Buffer.from(JWT).toString('base64url')}`;
  const text = `Authorization: Bearer ${JWT}\nSec-WebSocket-Protocol: jwt-auth, ${encoded}\nX-E2E-Bypass-Key: s3cret-bypass-key\nbody=key%3Ds3cret-bypass-key&password=s3cret-bypass-key`;
  const out = redactText(text);
  expect(out).not.toContain(JWT);
  expect(out).not.toContain(encoded.slice(4));
  expect(out).not.toContain('s3cret-bypass-key');
  expect(out).toContain(`Bearer ${MASK}`);
  expect(findSecrets(out, ['s3cret-bypass-key'])).toEqual([]);
});

test('findSecrets names what it found without repeating the secret', () => {
  const found = findSecrets(`token=${JWT} and pw=hunter2-long`, ['hunter2-long']);
  expect(found).toHaveLength(2);
  expect(found.join()).not.toContain('hunter2-long');
});

test('short values are not registered: they would mask ordinary words', () => {
  registerSecret('abc');
  expect(redactText('abc abc')).toBe('abc abc');
});

test('findSecrets: an encoded JWT counts only when it decodes to one; chance base64 does not', () => {
  const encoded = Buffer.from(JWT).toString('base64url');
  expect(findSecrets(`jwt-auth, jwt.${encoded}`, [])).toEqual([expect.stringContaining('base64url-encoded JWT')]);
  expect(findSecrets('JWSmtsbHZGWFN0SFhDN1FSSmI5QzdIZXlKN3dRZ0dDa29od3lWZEZJbGlaeXROVE9NQ09N', [])).toEqual([]);
  // Redaction masks both: it errs on the side of hiding.
  expect(redactText(`jwt.${encoded}`)).toBe(`jwt.${MASK}`);
});

test('opaque tokens are masked by where they stand: bearer, subprotocol, secret-named JSON fields', () => {
  const opaque = 'rt_9f8e7d6c5b4a39281706';
  const out = redactText(
    [
      `Authorization: Bearer ${opaque}`,
      `Sec-WebSocket-Protocol: jwt-auth, jwt.${Buffer.from(opaque).toString('base64url')}`,
      `{"access_token":"${opaque}","refresh_token": "${opaque}","token_type":"bearer"}`,
      // addInitScript's argument, as the trace stores it inside the script source
      `"source":"(({ origin, accessToken, refreshToken }) => {...})({\\"origin\\":\\"http://x\\",\\"refreshToken\\":\\"${opaque}\\"})"`,
      `{"password":"${opaque}"}`,
    ].join('\n'),
  );
  expect(out).not.toContain(opaque);
  expect(out).not.toContain(Buffer.from(opaque).toString('base64url'));
  expect(out).toContain('"token_type":"bearer"');
  expect(out).toContain(`Bearer ${MASK}`);
  // Idempotent: masking twice changes nothing more.
  expect(redactText(out)).toBe(out);
});

test('ordinary words next to those names are left alone', () => {
  const text = '{"key":"Enter","type":"keydown"} Bearer of good news: ok';
  expect(redactText(text)).toBe(text);
});
