import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const testsDir = path.resolve(import.meta.dirname, '..', '..', 'tests');

test('the start order lists every golden spec under tests/ exactly once', () => {
  const specs = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.spec.ts'))
    .map((f) => f.split(path.sep).join('/').replace(/\.ts$/, ''))
    .sort();
  const listed = [...readFileSync(path.join(testsDir, 'golden-order.ts'), 'utf8').matchAll(/^import '\.\/(.+)';$/gm)].map((m) => m[1] as string);
  expect(specs.length).toBeGreaterThan(0);
  expect([...listed].sort()).toEqual(specs);
  expect(new Set(listed).size).toBe(listed.length);
});
