import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { STEPS, type GoldenStep } from './golden-step-catalog';

const ROOT = path.resolve(__dirname, '../..');

const declared: GoldenStep[] = Object.values(STEPS).map((s) => (typeof s === 'function' ? s(10) : s));

test('every golden step has its own title', () => {
  const titles = declared.map((s) => s.title);
  expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
});

test('no health budget times a REST call: thread creation and message reads use the api budget', () => {
  const rest = [STEPS.startConversation, STEPS.ownerStartsConversation, STEPS.crowdStartsConversations, STEPS.conversationSaved, STEPS.bothRunsSaved, STEPS.crowdSaved, STEPS.foreignReadRefused, STEPS.ownerThreadClean];
  expect(rest.map((s) => s.budget)).toEqual(rest.map(() => 'api'));
});

test('the specs name their steps and never spell out a step kind, budget or class', () => {
  const specs = readdirSync(path.join(ROOT, 'tests'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.spec.ts'));
  expect(specs.length).toBeGreaterThan(0);
  const spelled = specs.filter((f) => /golden\.step\(\s*['"`]|failAs:|budget: '/.test(readFileSync(path.join(ROOT, 'tests', f), 'utf8')));
  expect(spelled).toEqual([]);
});
