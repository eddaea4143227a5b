import { expect, type Locator, type Page } from '@playwright/test';
import { buildReplyText } from '../../emulator/reply';
import { hashString } from '../../emulator/rng';
import type { Emulator, RecordedRequest } from '../../emulator/server';
import type { Harness } from '../../harness/harness';

/** Shared UI helpers for the chat-window specs: accessible locators and the common flows. */

export const CHAT_PATH = '/api/v1/chat/completions';

export function emulatorOf(harness: Harness): Emulator {
  if (!harness.emulator) throw new Error('These specs need the harness to run its own emulator.');
  return harness.emulator;
}

export function screenPath(name: string): string {
  return `test-results/screens/${name}.png`;
}

export async function saveScreen(app: Page, name: string): Promise<void> {
  await app.screenshot({ path: screenPath(name) });
}

/** The window's landmarks and controls, by role and accessible name. */
export function ui(app: Page) {
  const picker = app.getByRole('dialog', { name: 'Choose a model' });
  const settings = app.getByRole('dialog', { name: 'Settings' });
  return {
    composer: app.getByRole('textbox', { name: 'Message' }),
    send: app.getByRole('button', { name: 'Send' }),
    stop: app.getByRole('button', { name: 'Stop' }),
    modelButton: app.getByRole('button', { name: 'Model', exact: true }),
    settingsButton: app.getByRole('button', { name: 'Settings' }),
    newChat: app.getByRole('button', { name: 'New chat' }),
    sidebar: app.getByRole('navigation', { name: 'Conversations' }),
    picker,
    search: picker.getByRole('searchbox', { name: 'Search models' }),
    models: picker.getByRole('listbox', { name: 'Models' }),
    settings,
    userMessages: app.getByRole('article', { name: 'user message' }),
    replies: app.getByRole('article', { name: 'assistant message' }),
    lastReply: app.getByRole('article', { name: 'assistant message' }).last(),
    notifications: app.getByRole('region', { name: 'Notifications' }),
  };
}

/** Opens the picker with the Model button, searches, and takes the first match with Enter. */
export async function pickModel(app: Page, query: string, expectedName: string): Promise<void> {
  const { modelButton, picker, search } = ui(app);
  await modelButton.click();
  await expect(picker).toBeVisible();
  await search.fill(query);
  await expect(picker.getByRole('option').first()).toContainText(expectedName);
  await search.press('Enter');
  await expect(picker).toBeHidden();
  await expect(modelButton).toHaveAccessibleDescription(expectedName);
}

/**
 * Starts the window on a model the picker does not list (e.g. `emulator/drip-20+tokens-60`): main's
 * settings get it as the default model, and the reloaded window picks it up.
 */
export async function startWithModel(harness: Harness, app: Page, modelId: string): Promise<void> {
  await harness.services.settings.update({ defaultModel: modelId });
  await app.reload();
  // A model the list does not know shows as its id; the emulator's listed fault models show by name
  // ("Emulator: no-usage" for `emulator/no-usage`).
  const mode = modelId.startsWith('emulator/') ? modelId.slice('emulator/'.length) : null;
  const shown =
    mode === null ? modelId : new RegExp(`^(${escapeRegExp(modelId)}|Emulator: ${escapeRegExp(mode)})$`);
  await expect(ui(app).modelButton).toHaveAccessibleDescription(shown);
}

/** Writes in the composer and presses Enter; resolves once the message shows in the conversation. */
export async function sendMessage(app: Page, text: string): Promise<void> {
  const { composer, userMessages } = ui(app);
  await composer.fill(text);
  await composer.press('Enter');
  await expect(userMessages.last()).toContainText(text);
}

export function chatRequests(harness: Harness): RecordedRequest[] {
  return emulatorOf(harness).requests.filter((r) => r.method === 'POST' && r.path === CHAT_PATH);
}

/** The next chat request the emulator receives after those already seen. */
export async function waitForChatRequest(harness: Harness, afterId = 0): Promise<RecordedRequest> {
  return emulatorOf(harness).waitForRequest(
    (r) => r.method === 'POST' && r.path === CHAT_PATH && r.id > afterId,
    15_000,
  );
}

/** An element's text content ('' when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** The Markdown body of a reply (without its footer and buttons). */
export function replyBody(reply: Locator): Locator {
  return reply.locator('.md-root');
}

/** Length of a reply's rendered text so far; 0 while nothing has arrived. */
export async function replyLength(reply: Locator): Promise<number> {
  const body = replyBody(reply);
  if ((await body.count()) === 0) return 0;
  return (await textOf(body)).length;
}

/**
 * Watches a reply while it is being written and returns the lengths of its rendered text, counted as
 * new maxima (rendering a Markdown block can briefly shorten it: a table row becomes a table), once
 * it has finished.
 */
export async function lengthsWhileStreaming(reply: Locator): Promise<number[]> {
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const busy = await reply.getAttribute('aria-busy');
        if (busy === 'true') {
          const length = await replyLength(reply);
          if (length > Math.max(0, ...seen)) seen.push(length);
        }
        return busy;
      },
      { intervals: [50], timeout: 20_000, message: 'the reply should finish streaming' },
    )
    .toBe('false');
  return seen;
}

/** What the emulator answers to a request's messages (seeded by their hash), as Markdown. */
export function expectedReply(messages: unknown[], tokens: number): string {
  return buildReplyText({
    seed: hashString(JSON.stringify(messages)),
    tokens,
    multibyte: false,
    hugeLine: false,
  });
}

/** Waits until a reply is no longer being written (it carries aria-busy while streaming). */
export async function waitForReplyEnd(reply: Locator, timeout = 20_000): Promise<void> {
  await expect(reply).toHaveAttribute('aria-busy', 'false', { timeout });
}

/** Waits for a reply to finish normally: its footer names the token counts. */
export async function waitForCompleteReply(reply: Locator, timeout = 20_000): Promise<void> {
  await waitForReplyEnd(reply, timeout);
  // Counts of a thousand or more are written with a separator ("1,330 completion tokens").
  await expect(reply).toContainText(/[\d,]+ prompt \/ [\d,]+ completion tokens/);
}

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when every word of `expected` occurs in `shown`, in the same order. Only letters and digits
 * count, so Markdown syntax, and cells or blocks whose text runs together in the DOM, do not matter.
 */
export function showsAllWordsInOrder(shown: string, expected: string): boolean {
  const haystack = words(shown).join('');
  let from = 0;
  for (const word of words(expected)) {
    const at = haystack.indexOf(word, from);
    if (at < 0) return false;
    from = at + word.length;
  }
  return true;
}

/** The user message text of a recorded chat request (the last one in its `messages`). */
export function requestMessages(request: RecordedRequest): { role: string; content: string }[] {
  const body = request.body as { messages?: { role: string; content: string }[] } | null;
  return body?.messages ?? [];
}

/** The only conversation in the history (fails when there is not exactly one). */
export function onlyConversation(harness: Harness) {
  const { items } = harness.services.history.list({ limit: 10 });
  expect(items, 'expected exactly one conversation in the history').toHaveLength(1);
  return items[0] as (typeof items)[number];
}

/** The sidebar button that opens a conversation (its name also carries the last activity time). */
export function conversationButton(app: Page, title: string): Locator {
  return ui(app).sidebar.getByRole('button', {
    name: new RegExp(`^${escapeRegExp(title)}\\s*, last active`),
  });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
