import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dispatchRank, QUEUED_FIRST } from './dispatch-order';

const TESTS_DIR = path.resolve(__dirname, '../../tests');

test('every spec the order names exists under tests/ (a renamed one would silently lose its place)', () => {
  expect(QUEUED_FIRST.filter((file) => !existsSync(path.join(TESTS_DIR, file)))).toEqual([]);
});

test('the listed specs come first in their order, every other after them, with either separator', () => {
  expect(dispatchRank('browser/chat.spec.ts')).toBe(0);
  expect(dispatchRank('users\\reconnect.spec.ts')).toBe(1);
  expect(dispatchRank('auth/auth.spec.ts')).toBe(QUEUED_FIRST.length);
  const sorted = ['auth/auth.spec.ts', 'users/reconnect.spec.ts', 'health/health.spec.ts', 'browser/chat.spec.ts'].sort((a, b) => dispatchRank(a) - dispatchRank(b));
  expect(sorted).toEqual(['browser/chat.spec.ts', 'users/reconnect.spec.ts', 'auth/auth.spec.ts', 'health/health.spec.ts']);
});
