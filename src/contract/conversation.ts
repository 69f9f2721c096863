import { answerShown } from './answer-match';

/**
 * Contract section 5: "after a run the thread's messages hold the user's message and the
 * agent's answer". Held, not equal: a platform may store the answer as Markdown or with the
 * run's notes around it, so the answer's plain-text opening must appear in an assistant
 * message, as on the page (answer-match.ts).
 */
export interface SavedMessage {
  role: string;
  content: string;
}

export interface Exchange {
  /** What the messages are called in a failure ("the first message"). */
  label: string;
  sent: string;
  answer: string | undefined;
}

/** What the thread lacks, by name; empty when every exchange is saved. */
export function unsavedParts(messages: readonly SavedMessage[], exchanges: readonly Exchange[]): string[] {
  return exchanges.flatMap((x) => [
    messages.some((m) => m.role === 'user' && m.content.includes(x.sent)) ? [] : [`${x.label} (the user's message)`],
    !!x.answer && messages.some((m) => m.role === 'assistant' && answerShown(m.content, x.answer!)) ? [] : [`${x.label} (the agent's answer)`],
  ].flat());
}

/** The thread's messages, short, for a failure message. */
export function describeSaved(messages: readonly SavedMessage[]): string {
  if (messages.length === 0) return '(no messages)';
  return messages.map((m) => `${m.role}: ${m.content.replace(/\s+/g, ' ').slice(0, 80)}`).join(' | ');
}
