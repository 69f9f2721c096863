import { expect, test } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { decodeText, isMaskedArchive, MASKED_MARKER, redactAllureMessage, redactBytes, redactZip } from './redact-artifacts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYS11c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const redact = (text: string) => text.split(JWT).join('***').split('s3cret-pass').join('***');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

test('text is UTF-8 without NUL bytes; images are not text', () => {
  expect(decodeText(utf8('{"a":"é"}'))).toBe('{"a":"é"}');
  expect(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBeUndefined();
  expect(decodeText(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBeUndefined();
});

test('redactBytes returns nothing when there was nothing to mask', () => {
  expect(redactBytes(utf8('plain words'), redact)).toBeUndefined();
  expect(redactBytes(utf8(`Bearer ${JWT}`), redact)?.toString('utf8')).toBe('Bearer ***');
});

test('a trace archive: every text entry is masked, binary entries and names are kept', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);
  const trace = zipSync({
    'trace.trace': utf8(`{"method":"addInitScript","params":{"source":"localStorage.setItem('jwt_token','${JWT}')"}}\n`),
    'trace.network': utf8(`{"request":{"headers":[{"name":"authorization","value":"Bearer ${JWT}"}],"postData":"{\\"password\\":\\"s3cret-pass\\"}"}}\n`),
    'resources/abc123.json': utf8(`{"access_token":"${JWT}"}`),
    'resources/page.html': utf8('<html>nothing secret</html>'),
    'screencast/frame.jpeg': jpeg,
  });
  const { zip, changed, textEntries } = redactZip(trace, redact);
  const out = unzipSync(zip);
  expect(Object.keys(out).sort()).toEqual(['resources/abc123.json', 'resources/page.html', 'screencast/frame.jpeg', 'trace.network', 'trace.trace']);
  expect(textEntries).toBe(4);
  expect(changed).toBe(3);
  for (const [name, bytes] of Object.entries(out)) {
    const text = Buffer.from(bytes).toString('latin1');
    expect(text, name).not.toContain(JWT);
    expect(text, name).not.toContain('s3cret-pass');
  }
  expect(Buffer.from(out['screencast/frame.jpeg'] as Uint8Array)).toEqual(Buffer.from(jpeg));
  expect(Buffer.from(out['trace.trace'] as Uint8Array).toString('utf8')).toContain("'jwt_token','***'");
  // Unmarked unless asked: only a worker that masked the trace itself marks it.
  expect(isMaskedArchive(zip)).toBe(false);
  const marked = redactZip(trace, redact, { mark: true }).zip;
  expect(isMaskedArchive(marked)).toBe(true);
  expect(Object.keys(unzipSync(marked))).toContain(MASKED_MARKER);
});

test('an Allure runtime message: strings and base64 attachment content are masked', () => {
  const message = JSON.stringify({
    type: 'attachment_content',
    data: { name: `token ${JWT}`, content: Buffer.from(`{"token":"${JWT}"}`).toString('base64'), encoding: 'base64', contentType: 'application/json' },
  });
  const out = JSON.parse(redactAllureMessage(message, redact)) as { data: { name: string; content: string } };
  expect(out.data.name).toBe('token ***');
  expect(Buffer.from(out.data.content, 'base64').toString('utf8')).toBe('{"token":"***"}');
});

test('a runtime message that is not JSON is still masked as text', () => {
  expect(redactAllureMessage(`not json ${JWT}`, redact)).toBe('not json ***');
});
