import type { Locator, Page } from '@playwright/test';
import type { RealErrorName } from '../emulator/real-errors';
import { type ReplayName, readReplay } from '../emulator/replay-streams';
import { parseSse } from '../emulator/test-support';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import {
  pickModel,
  replyBody,
  saveScreen,
  sendMessage,
  showsAllWordsInOrder,
  startWithModel,
  textOf,
  ui,
  waitForCompleteReply,
  waitForReplyEnd,
} from './helpers/ui';

/**
 * Real OpenRouter payloads (main/services/openrouter/fixtures/real/, origins in SOURCES.md) sent by the
 * emulator as recorded (`real-<fixture>` error bodies, `replay-<fixture>` streams and completion),
 * through the real services and renderer: what the person sees of each.
 *
 * Not here: the web-search recording (…SQdqVfHTM78…). The recorder lost the tail of its annotations
 * event (SOURCES.md), so it cannot be replayed as sent; real-stream.test.ts reads its one complete
 * `url_citation` entry in a rebuilt envelope, and reply-details.spec.ts shows citations on screen.
 * Nor the mid-stream 502 error object (stream-502-…): it is not an HTTP body (error-mapping.real.test.ts).
 */

interface ErrorCase {
  fixture: RealErrorName;
  /** Parts of the shown message: who said it and why, in the provider's or OpenRouter's words. */
  says: (string | RegExp)[];
  /** The buttons beside it, by accessible name, in order. */
  actions: string[];
}

const ERRORS: ErrorCase[] = [
  {
    fixture: 'provider-400-openai-json-raw',
    says: [
      "OpenAI (the model's provider) rejected the request",
      "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
    ],
    actions: ['Pick another model'],
  },
  {
    fixture: 'provider-400-crucible-json-raw',
    says: [
      "Crucible (the model's provider) rejected the request",
      "Model 'moonshotai/kimi-k2.6' supports at most 1 image per prompt.",
    ],
    actions: ['Pick another model'],
  },
  {
    fixture: 'provider-403-openai-region',
    says: [
      "OpenAI (the model's provider) refused the request",
      'Country, region, or territory not supported.',
    ],
    actions: ['Pick another model'],
  },
  {
    fixture: 'provider-429-sambanova-object-raw',
    says: [
      "SambaNova (the model's provider) is rate limiting this model, not OpenRouter",
      'Rate limit exceeded.',
    ],
    actions: ['Retry'],
  },
  {
    fixture: 'provider-429-baseten-upstream-rate-limit',
    says: [
      "BaseTen (the model's provider) is rate limiting this model, not OpenRouter",
      'z-ai/glm-5.3-flash is temporarily rate-limited upstream.',
      "Adding your own BaseTen key in OpenRouter's integrations settings lifts the shared limit.",
    ],
    actions: ['Retry'],
  },
  {
    fixture: 'credits-402-can-only-afford',
    says: ["Your OpenRouter credits can't cover a reply of up to 65536 tokens; they cover about 10114."],
    actions: ['Retry with 10114 max tokens', 'Lower Max tokens', 'Retry'],
  },
  {
    fixture: 'credits-402-key-limit-nested',
    says: [
      "This API key's spending limit can't cover a reply of up to 128000 tokens; it covers about 19484.",
    ],
    actions: ['Retry with 19484 max tokens', 'Lower Max tokens', 'Retry'],
  },
  {
    fixture: 'credits-402-key-monthly-limit-zero.reconstructed',
    says: ['This API key has reached its own spending limit (your account may still have credits).'],
    actions: ['Raise key limit'],
  },
  {
    fixture: 'key-403-limit-exceeded.reconstructed',
    says: ['This API key has reached its own spending limit (your account may still have credits).'],
    actions: ['Raise key limit'],
  },
  {
    fixture: 'credits-402-never-purchased.reconstructed',
    says: ['Your OpenRouter account is out of credits.'],
    actions: ['Add credits'],
  },
  {
    fixture: 'policy-404-data-policy.reconstructed',
    says: [
      'No provider of this model meets your OpenRouter privacy settings (data policy: Paid model training).',
    ],
    actions: ['Open privacy settings', 'Pick another model'],
  },
  {
    fixture: 'policy-404-no-allowed-providers',
    says: [
      'None of the providers your OpenRouter account allows serve this model (allowed: anthropic; served by: z-ai).',
    ],
    actions: ['Open privacy settings', 'Pick another model'],
  },
];

/** Starts on `emulator/<mode>`, sends one message, and returns the reply once it has ended. */
async function replyTo(app: Page, harness: Harness, mode: string) {
  await startWithModel(harness, app, `emulator/${mode}`);
  await sendMessage(app, 'Hi');
  const reply = ui(app).lastReply;
  // Rate limits are retried by main (with backoff) before the error is shown.
  await waitForReplyEnd(reply, 30_000);
  return reply;
}

/** The text of the replayed stream's content deltas, read from the same bytes the emulator sends. */
function recordedContent(name: ReplayName): string {
  const replay = readReplay(name);
  if (replay.kind !== 'stream') throw new Error(`${name} is not a stream`);
  return parseSse(replay.chunks.join(''))
    .data.filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d) as { choices?: { delta?: { content?: string | null } }[] })
    .map((c) => c.choices?.[0]?.delta?.content ?? '')
    .join('');
}

async function buttonNames(row: Locator): Promise<string[]> {
  return row.getByRole('button').evaluateAll((buttons) => buttons.map((b) => (b.textContent ?? '').trim()));
}

test.describe('real OpenRouter error bodies, as the person sees them', () => {
  for (const c of ERRORS) {
    test(`real-${c.fixture}`, async ({ app, harness }) => {
      const reply = await replyTo(app, harness, `real-${c.fixture}`);
      const alert = reply.getByRole('alert');
      await expect(alert).toBeVisible();
      for (const part of c.says) await expect(alert).toContainText(part);
      // Nothing generic instead of the real reason.
      await expect(alert).not.toContainText('OpenRouter rejected the request');
      const row = reply.locator('.reply-error .button-row');
      for (const name of c.actions) {
        await expect(row.getByRole('button', { name, exact: true })).toBeVisible();
      }
      expect(await buttonNames(row)).toEqual(c.actions);
      await saveScreen(app, `real-error-${c.fixture}`);
    });
  }
});

test.describe('real recorded replies, as the person sees them', () => {
  test('the prompt-caching stream shows its 1,405 cached prompt tokens with the discount, its provider and cost', async ({
    app,
    harness,
  }) => {
    const name = 'ai-sdk-provider-7buJmKWfmK3-claude-sonnet-4-plain';
    const reply = await replyTo(app, harness, `replay-${name}`);
    await waitForCompleteReply(reply);
    const meta = reply.locator('.message-meta');
    await expect(meta).toContainText('1,421 prompt / 59 completion tokens');
    // The discount is worked out from the listed prices of anthropic/claude-sonnet-4 ($3 and $0.30 per
    // million prompt and cache-read tokens): 1405 × $2.70/M = $0.0037935.
    await expect(meta).toContainText('1,405 cached prompt tokens (saved $0.0038)');
    await expect(meta).toContainText('anthropic/claude-sonnet-4 via Anthropic');
    // usage.cost 0.0013545, shown exactly (renderer/src/format/usd.ts formatCost).
    await expect(meta.locator('.message-cost')).toHaveText('$0.0013545');
    expect(showsAllWordsInOrder(await textOf(replyBody(reply)), recordedContent(name))).toBe(true);
    await saveScreen(app, 'real-replay-cached-prompt');
  });

  test('the thinking stream shows its reasoning, the answer and the reasoning tokens', async ({
    app,
    harness,
  }) => {
    const name = 'ai-sdk-provider-VatY3XorSc2-claude-3.7-sonnet-thinking-reasoning';
    const reply = await replyTo(app, harness, `replay-${name}`);
    await waitForCompleteReply(reply);
    await expect(reply.locator('.message-meta')).toContainText('90 reasoning tokens');
    await expect(reply.locator('.message-meta')).toContainText('via Google');
    const reasoning = reply.locator('details.md-reasoning');
    await reasoning.locator('summary', { hasText: 'Reasoning' }).click();
    await expect(reasoning).toContainText(
      'The capital of France is Paris. This is a straightforward factual question with a well-known answer.',
    );
    expect(showsAllWordsInOrder(await textOf(replyBody(reply)), recordedContent(name))).toBe(true);
    await expect(replyBody(reply)).toContainText('The capital of France is Paris.');
  });

  test('the stream with an event split across network chunks shows the whole text', async ({
    app,
    harness,
  }) => {
    const name = 'ai-sdk-provider-i2VRzTzhjbW-claude-3.5-sonnet-event-split-across-chunks';
    const reply = await replyTo(app, harness, `replay-${name}`);
    await waitForCompleteReply(reply);
    const expected = recordedContent(name);
    expect(expected.length).toBeGreaterThan(500);
    const shown = await textOf(replyBody(reply));
    expect(showsAllWordsInOrder(shown, expected)).toBe(true);
    // The words either side of where the recorder saw the event split.
    await expect(replyBody(reply)).toContainText('Cape Canaveral Space Force Station in Florida');
    await expect(replyBody(reply)).toContainText('9:06 PM EDT (01:06 UTC on Oct 22)');
    await expect(reply.locator('.message-meta')).toContainText('19 prompt / 221 completion tokens');
  });

  test('the non-streamed chat.completion body shows its text and usage', async ({ app, harness }) => {
    const name = 'ai-sdk-provider-JBHEylom5vE-claude-sonnet-4';
    const reply = await replyTo(app, harness, `replay-${name}`);
    await waitForCompleteReply(reply);
    const replay = readReplay(name);
    if (replay.kind !== 'completion') throw new Error(`${name} is not a completion`);
    const content = (JSON.parse(replay.body) as { choices: { message: { content: string } }[] }).choices[0]
      ?.message.content;
    expect(content).toBeTruthy();
    expect(showsAllWordsInOrder(await textOf(replyBody(reply)), content ?? '')).toBe(true);
    await expect(replyBody(reply)).toContainText('2 + 2 = 4');
    const meta = reply.locator('.message-meta');
    await expect(meta).toContainText('21 prompt / 144 completion tokens');
    await expect(meta).toContainText('via Google');
    // usage.cost 0.002223, shown exactly.
    await expect(meta.locator('.message-cost')).toHaveText('$0.002223');
  });
});

test.describe('the emulator’s own replies bill as the real ones do', () => {
  test("a conversation's next turn shows the prompt tokens read from the cache and their discount", async ({
    app,
  }) => {
    // claude-sonnet-4 caches (listed with a cache-read price); a prefix of 1024+ tokens is cached.
    await pickModel(app, 'claude-sonnet-4', 'Anthropic: Claude Sonnet 4');
    await sendMessage(
      app,
      `Summarise this: ${'The printing press changed how knowledge spread. '.repeat(100)}`,
    );
    const first = ui(app).lastReply;
    await waitForCompleteReply(first);
    await expect(first.locator('.message-meta')).not.toContainText('cached');
    await sendMessage(app, 'And in Asia?');
    const second = ui(app).lastReply;
    await waitForCompleteReply(second);
    // The whole first prompt (1,2xx tokens) came from the cache, at $0.30 instead of $3 per million.
    await expect(second.locator('.message-meta')).toContainText(
      /1,2\d\d cached prompt tokens \(saved \$0\.003\d\)/,
    );
  });

  test('an image model priced per request shows that price as the cost', async ({ app }) => {
    await pickModel(app, 'flux.2-pro', 'Black Forest Labs: FLUX.2 [pro]');
    await sendMessage(app, 'A lighthouse at dusk');
    const reply = ui(app).lastReply;
    await waitForCompleteReply(reply);
    await expect(reply.locator('.message-meta .message-cost')).toHaveText('$0.03');
  });
});
