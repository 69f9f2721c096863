import { expect, test } from '@playwright/test';
import { describeSaved, unsavedParts } from './conversation';

const exchange = { label: 'the run', sent: 'What drives cost? (golden path ab12)', answer: 'The **three** biggest cost drivers are tokens, retrieval and hosting.' };

test('a saved exchange: the message held, the answer held in plain text (Markdown, notes around it)', () => {
  const messages = [
    { role: 'user', content: 'What drives cost? (golden path ab12)' },
    { role: 'assistant', content: 'Answer: The three biggest cost drivers are tokens, retrieval and hosting.\n\n_(supervisor, 1.4 s)_' },
  ];
  expect(unsavedParts(messages, [exchange])).toEqual([]);
});

test('what is missing is named, per exchange', () => {
  expect(unsavedParts([{ role: 'user', content: exchange.sent }], [exchange])).toEqual(["the run (the agent's answer)"]);
  expect(unsavedParts([], [exchange, { ...exchange, label: 'the second run' }])).toHaveLength(4);
  expect(unsavedParts([{ role: 'user', content: exchange.sent }, { role: 'assistant', content: 'something else' }], [exchange])).toEqual(["the run (the agent's answer)"]);
  expect(unsavedParts([{ role: 'user', content: exchange.sent }], [{ ...exchange, answer: undefined }])).toEqual(["the run (the agent's answer)"]);
});

test('the thread is described short', () => {
  expect(describeSaved([])).toBe('(no messages)');
  expect(describeSaved([{ role: 'user', content: 'a\nb' }])).toBe('user: a b');
});
