import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { scanTexts, textsOf } from './artifact-scan';

const SECRET = 'bypass-4f1c9e2a7b';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYS11c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const scan = (bytes: Uint8Array) => scanTexts(textsOf('file', bytes), [SECRET]);

test('a secret in plain text, in a zip inside a zip, and in binary bytes is found, with where', () => {
  expect(scan(utf8(`key=${SECRET}`))).toEqual([{ where: 'file', found: expect.stringContaining('known secret') }]);
  const inner = zipSync({ 'trace.network': utf8(`{"x-e2e-bypass-key":"${SECRET}"}`) });
  const outer = zipSync({ 'data/trace.zip': inner, 'ok.txt': utf8('nothing') });
  expect(scan(outer)).toEqual([{ where: 'file › data/trace.zip › trace.network', found: expect.any(String) }]);
  expect(scan(Uint8Array.from([0x89, 0x50, 0, 0, ...utf8(SECRET), 0xff]))).toHaveLength(1);
});

test('base64 that decodes to text is scanned too: blob attachment bodies, single-file report data', () => {
  const b64 = Buffer.from(`{"token":"${JWT}","note":"padding to make it long"}`).toString('base64');
  const html = `<script>d("data/attachments/a.json","${b64}")</script>`;
  const found = scan(utf8(html));
  expect(found).toHaveLength(1);
  expect(found[0]?.where).toMatch(/^file › base64 at \d+$/);
  expect(found[0]?.found).toContain('a JWT');
  // A zip in base64 (a trace inside a single-file report) is opened as well.
  const zipped = Buffer.from(zipSync({ 'trace.trace': utf8(`Bearer ${JWT}`) })).toString('base64');
  expect(scan(utf8(`d("x","${zipped}")`)).map((f) => f.where)).toEqual([expect.stringMatching(/base64 at \d+ › trace\.trace$/)]);
});

test('masked artifacts and ordinary base64 produce no finding', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]).toString('base64');
  expect(scan(utf8(`Authorization: Bearer *** key=*** img=data:image/png;base64,${png}`))).toEqual([]);
});
