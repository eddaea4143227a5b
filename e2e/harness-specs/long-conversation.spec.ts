import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageText, seedConversation } from '../../bench/app/long-conversation';
import { expect, test } from './fixtures';

/**
 * A long conversation (issue 19): it opens at its end, and scrolling up to its first message —
 * older pages prepended on the way — never throws the view about.
 */
const MESSAGES = 400;
const TITLE = 'A long conversation';
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-long-conversation-'));
test.use({ harnessOptions: { withKey: true, dataDir } });
test.beforeAll(async () => {
  await seedConversation(dataDir, { id: 'long', title: TITLE, age: 1, count: MESSAGES });
});

test('opens at the last message, scrolls to the first with no jump, and keeps its place as pages load', async ({
  app,
}) => {
  // Hundreds of wheel events, each a round trip to the browser: slow on a loaded machine.
  test.setTimeout(180_000);
  await app.getByRole('navigation', { name: 'Conversations' }).getByText(TITLE, { exact: true }).click();
  const last = messageText(MESSAGES - 1).split('\n')[0] ?? '';
  await expect(app.getByText(last.replace(/\*\*/g, ''))).toBeVisible();
  const list = app.locator('.message-list');
  // At the end: nothing below the view.
  expect(await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThanOrEqual(
    1,
  );

  // Every frame while the wheel turns: the message at the top of the view, by its number in the
  // conversation (each message's text carries it). Scrolling up it may only move to earlier ones.
  await list.evaluate((scroller) => {
    const seen: number[] = [];
    (window as unknown as { __tops: number[] }).__tops = seen;
    const tick = () => {
      const view = scroller.getBoundingClientRect();
      const row = document
        .elementFromPoint(view.left + view.width / 2, view.top + 4)
        ?.closest<HTMLElement>('[data-index]');
      const number = /(?:Question |answer for )(\d+)/.exec(row?.textContent ?? '')?.[1];
      if (number !== undefined) seen.push(Number(number));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = await list.boundingBox();
  if (!box) throw new Error('the list is not laid out');
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const first = app.getByText(messageText(0));
  for (let i = 0; i < 1_000 && !(await first.isVisible()); i++) await app.mouse.wheel(0, -1_000);
  await expect(first).toBeVisible();
  await expect(app.getByText('Start of the conversation')).toBeVisible();
  const tops = await app.evaluate(() => (window as unknown as { __tops: number[] }).__tops);
  const jumps = tops.filter((top, i) => i > 0 && top > (tops[i - 1] ?? top));
  expect(tops.length).toBeGreaterThan(10);
  expect(jumps).toEqual([]);
});
