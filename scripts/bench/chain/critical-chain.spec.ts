import { expect, test } from '@playwright/test';

/**
 * The bare critical chain: what a user does on the golden path's longest browser test, and
 * nothing the suite adds (no evidence, no budgets, no envelope reading). Deadlines still bound
 * every wait; the paced platform's run takes up to about 20 s.
 */
// The frame's own type, not a mention of it (the welcome frame lists the events it will send).
const AGENT_COMPLETED = /"type"\s*:\s*"agent_completed"/;

test('dev login, one chat in the page until the answer shows', async ({ page }) => {
  let completed = false;
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => (completed ||= AGENT_COMPLETED.test(String(payload)))));
  await page.goto('/login');
  await page.getByRole('button', { name: /quick dev login/i }).click();
  const textarea = page.getByTestId('message-textarea');
  await expect(textarea).toBeEnabled({ timeout: 10_000 });
  await textarea.fill('hello from the bench, what is the weather like');
  await textarea.press('Enter');
  await expect.poll(() => completed, { message: "the page's socket received agent_completed", timeout: 60_000 }).toBe(true);
  // The reference page finishes the run's card with the answer once agent_completed arrives.
  const card = page.getByTestId('response-card');
  await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 10_000 });
  await expect(card.locator('.message-body')).toContainText('hello from the bench', { timeout: 10_000 });
});
