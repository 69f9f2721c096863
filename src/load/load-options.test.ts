import { expect, test } from '@playwright/test';
import { arrivalAt, MAX_USERS, parseDuration, parseLoadArgs } from './load-options';

test('durations: seconds by default, ms and minutes by suffix', () => {
  expect([parseDuration('10s', '--ramp'), parseDuration('500ms', '--ramp'), parseDuration('2m', '--ramp'), parseDuration('3', '--ramp')]).toEqual([10_000, 500, 120_000, 3_000]);
  expect(() => parseDuration('ten', '--ramp')).toThrow(/^\[CONFIG_INVALID\] --ramp ten is not a duration/);
});

test('options: both flag forms, defaults, and a deadline a minute past the ramp', () => {
  expect(parseLoadArgs(['--users', '500', '--ramp=10s', '--env', 'staging'])).toEqual({ engine: 'own', users: 500, rampMs: 10_000, env: 'staging', durationLimitMs: 70_000, out: undefined });
  expect(parseLoadArgs([])).toMatchObject({ engine: 'own', users: 10, env: 'local' });
  expect(parseLoadArgs(['--engine', 'artillery'])).toMatchObject({ engine: 'artillery' });
});

test('bounds: users capped, the deadline capped and longer than the ramp, unknown flags refused', () => {
  expect(() => parseLoadArgs(['--users', String(MAX_USERS + 1)])).toThrow(/must be a whole number from 1 to 5000/);
  expect(() => parseLoadArgs(['--users', '0'])).toThrow(/--users 0/);
  expect(() => parseLoadArgs(['--ramp', '30s', '--duration-limit', '20s'])).toThrow(/must be longer than --ramp/);
  expect(() => parseLoadArgs(['--duration-limit', '1h'])).toThrow(/not a duration/);
  expect(() => parseLoadArgs(['--duration-limit', '16m'])).toThrow(/at most 15 minutes/);
  expect(() => parseLoadArgs(['--user', '5'])).toThrow(/unknown option --user/);
  expect(() => parseLoadArgs(['--users'])).toThrow(/needs a value/);
  expect(() => parseLoadArgs(['--engine', 'k6'])).toThrow(/--engine k6 must be one of own, artillery/);
});

test('arrivals are spread evenly over the ramp', () => {
  expect([0, 1, 2, 3].map((i) => arrivalAt(i, 4, 1000))).toEqual([0, 250, 500, 750]);
  expect(arrivalAt(0, 1, 1000)).toBe(0);
});
