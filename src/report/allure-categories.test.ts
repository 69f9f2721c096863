import { expect, test } from '@playwright/test';
import { FAILURE_CLASS_NAMES } from '../contract/failure-classes';
import { bucketOf, GOLDEN_CATEGORIES, PLATFORM_CLASSES } from './allure-categories';

const failed = (message: string) => ({ status: 'failed', message, flaky: false });

test('a platform class, as allure-playwright renders it, is "platform broken"', () => {
  expect(bucketOf(failed('GoldenPathFailure: [WS_UPGRADE_REJECTED] socket upgrade answered HTTP 404'))).toBe('platform broken');
  expect(bucketOf(failed('Error: [UI_NO_RESPONSE] the page did not show the answer'))).toBe('platform broken');
  expect(bucketOf(failed('[AUTH_UNHEALTHY] 503'))).toBe('platform broken');
});

test('SLA_EXCEEDED is "too slow"; CONFIG_INVALID, NOT_REALLY_EXECUTED and unclassified errors are "suite problem"', () => {
  expect(bucketOf(failed('GoldenPathFailure: [SLA_EXCEEDED] step "open the chat" took 12000 ms'))).toBe('too slow');
  expect(bucketOf(failed('[CONFIG_INVALID] 1 problem(s)'))).toBe('suite problem');
  expect(bucketOf(failed('GoldenPathFailure: [NOT_REALLY_EXECUTED] passed without a guarded step'))).toBe('suite problem');
  expect(bucketOf(failed("TypeError: Cannot read properties of undefined (reading 'id')"))).toBe('suite problem');
  expect(bucketOf({ status: 'broken', message: 'Test timeout of 30000ms exceeded.', flaky: false })).toBe('suite problem');
  expect(bucketOf({ status: 'failed', message: undefined, flaky: false })).toBe('suite problem');
  // An unknown bracketed word is not a class.
  expect(bucketOf(failed('[SOMETHING_ELSE] x'))).toBe('suite problem');
});

test('a flaky pass is "flaky"; a flaky failure keeps its class; a clean pass or a skip has no category', () => {
  expect(bucketOf({ status: 'passed', flaky: true })).toBe('flaky');
  expect(bucketOf({ status: 'failed', message: '[AGENT_STALLED] events stopped', flaky: true })).toBe('platform broken');
  expect(bucketOf({ status: 'passed', flaky: false })).toBeUndefined();
  expect(bucketOf({ status: 'skipped', flaky: false })).toBeUndefined();
});

test('every contract class lands in exactly one bucket', () => {
  for (const cls of FAILURE_CLASS_NAMES) {
    const matching = GOLDEN_CATEGORIES.filter((c) => c.matchers.some((m) => m(failed(`[${cls}] x`))));
    expect(matching.map((c) => c.name), cls).toHaveLength(1);
  }
  expect(PLATFORM_CLASSES).not.toContain('SLA_EXCEEDED');
  expect(PLATFORM_CLASSES).not.toContain('CONFIG_INVALID');
  expect(PLATFORM_CLASSES).toContain('WS_SERVER_ERROR');
});
