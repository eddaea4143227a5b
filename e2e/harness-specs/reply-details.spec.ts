import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import {
  emulatorOf,
  pickModel,
  saveScreen,
  sendMessage,
  ui,
  waitForCompleteReply,
  waitForReplyEnd,
} from './helpers/ui';

/**
 * What a person sees of a reply beyond its text, through the real services and the emulator: the
 * usage line (provider, tokens, cost), and the model's details and retirement in the picker, header
 * and sidebar.
 */
test.describe('reply details', () => {
  test('the usage line names the provider that served the reply and its exact cost', async ({ app }) => {
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    await sendMessage(app, 'Hello there');
    const reply = ui(app).lastReply;
    await waitForCompleteReply(reply);
    const meta = reply.locator('.message-meta');
    // The emulator names the serving provider on every chunk, as live streams do.
    await expect(meta).toContainText('via OpenAI');
    await expect(meta.locator('.message-cost')).toHaveText(/^\$0\.\d+$/);
  });

  test('a reply whose stream ended without usage gets its final figures from OpenRouter', async ({
    app,
    harness,
  }) => {
    // `no-usage`: the stream ends without a usage chunk; main asks GET /generation afterwards.
    // The emulator lists its fault models by name ("Emulator: no-usage"), so the button may show either.
    await harness.services.settings.update({ defaultModel: 'emulator/no-usage' });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(/no-usage/);
    await sendMessage(app, 'Hello there');
    const reply = ui(app).lastReply;
    await waitForReplyEnd(reply);
    const meta = reply.locator('.message-meta');
    await expect(meta).toContainText(/\d+ prompt \/ [\d,]+ completion tokens/, { timeout: 15_000 });
    await expect(meta.locator('.message-cost')).toHaveText(/^\$\d/);
    // The figures came from the generation record, not from the stream.
    const lookups = emulatorOf(harness).requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/generation'),
    );
    expect(lookups.length).toBeGreaterThan(0);
  });

  test('an image reply shows the image, counts its image tokens, and "Save image" saves it', async ({
    app,
    harness,
  }) => {
    // FLUX-like models answer with an image only; the emulator sends a real PNG in delta.images.
    await pickModel(app, 'flux.2-pro', 'Black Forest Labs: FLUX.2 [pro]');
    await sendMessage(app, 'A lighthouse at dusk');
    const reply = ui(app).lastReply;
    // Not waitForCompleteReply: its pattern misses counts written with a thousands separator (1,330).
    await waitForReplyEnd(reply);
    await expect(reply.locator('.message-meta')).toContainText(/\d+ prompt \/ [\d,]+ completion tokens/);
    const figure = reply.getByRole('figure', { name: 'Image 1 from the reply' });
    const image = figure.getByRole('img', { name: 'Image 1 from the reply' });
    await expect(image).toBeVisible();
    // The bytes came from main as a data URL of the stored file, and the browser could decode them.
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(reply.locator('.message-meta')).toContainText('1,290 image tokens');
    await saveScreen(app, 'reply-image');

    // Keyboard: the Save image button is reachable and works with Enter.
    const save = figure.getByRole('button', { name: 'Save image' });
    await save.focus();
    await app.keyboard.press('Enter');
    // The harness answers the save dialog like the export dialog: the file lands in exportDir.
    await expect(ui(app).notifications).toContainText(/Saved the image to .+\.png\./);
    const files = await readdir(harness.exportDir);
    expect(files).toHaveLength(1);
    const saved = await readFile(join(harness.exportDir, files[0] as string));
    expect([...saved.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  test('a web-search reply from history shows its numbered Sources, cached tokens and provider', async ({
    app,
    harness,
  }) => {
    // The client never asks for web search, so the emulator never cites; the reply comes in as an
    // export would carry it (the history's import path), then the window shows it as stored.
    const at = '2026-12-01T10:00:00.000Z';
    const reply = {
      id: 'a1',
      role: 'assistant',
      content: 'Lighthouses still guide ships [1][2].',
      reasoning: '',
      createdAt: at,
      model: 'openai/gpt-4o',
      status: 'complete',
      error: null,
      usage: {
        promptTokens: 2000,
        completionTokens: 60,
        cachedPromptTokens: 1000,
        webSearchRequests: 1,
        cost: 0.0123,
      },
      finishReason: 'stop',
      generationId: 'gen-1',
      provider: 'OpenAI',
      citations: [
        { url: 'https://example.com/lights', title: 'Lighthouses today', host: 'example.com' },
        { url: 'https://maritime.example.org/ships', title: 'Ships', host: 'maritime.example.org' },
      ],
    };
    const question = {
      id: 'u1',
      role: 'user',
      content: 'Are lighthouses still used?',
      reasoning: '',
      createdAt: at,
      model: null,
      status: 'complete',
      error: null,
      usage: null,
      finishReason: null,
      generationId: null,
    };
    const exported = {
      format: 'switchboard-export',
      version: 1,
      conversations: [
        {
          conversation: {
            id: 'web1',
            title: 'Lighthouses',
            createdAt: at,
            updatedAt: at,
            model: 'openai/gpt-4o',
          },
          messages: [question, reply],
        },
      ],
    };
    const result = await harness.services.history.importJson(JSON.stringify(exported));
    expect(result).toMatchObject({ imported: 1, rejected: 0 });
    await app.reload();
    await ui(app)
      .sidebar.getByRole('button', { name: /^Lighthouses/ })
      .click();
    const shown = ui(app).lastReply;
    const sources = shown.getByRole('region', { name: 'Sources' });
    await expect(sources.getByRole('listitem')).toHaveText([
      'Lighthouses today — example.com',
      'Ships — maritime.example.org',
    ]);
    // The cache discount uses the listed prices of openai/gpt-4o (prompt and cache read).
    const meta = shown.locator('.message-meta');
    await expect(meta).toContainText('openai/gpt-4o via OpenAI');
    await expect(meta).toContainText(/1,000 cached prompt tokens \(saved \$0\.\d+\)/);
    await expect(meta).toContainText('1 web search');
    await saveScreen(app, 'reply-sources');
    // A source opens through main's openExternal (main confirms first), never in the window itself.
    const windowUrl = app.url();
    await sources.getByRole('link', { name: /Lighthouses today/ }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://example.com/lights']);
    expect(app.url()).toBe(windowUrl);
  });

  test('the picker shows the highlighted model in detail, with every price it charges', async ({ app }) => {
    const { modelButton, picker, search } = ui(app);
    await modelButton.click();
    await search.fill('gpt-4o-mini-search');
    const details = picker.getByRole('region', { name: 'Details of OpenAI: GPT-4o-mini Search Preview' });
    await expect(details).toContainText('Prompt$0.15 per M tokens');
    await expect(details).toContainText('Web search$0.01 per search');
    await search.fill('flux.2-pro');
    const flux = picker.getByRole('option', { name: /FLUX\.2 \[pro\]/ });
    await expect(flux).toContainText('per request');
    await expect(flux).not.toContainText('$0.00');
  });

  test('a conversation on a retiring model is flagged in the header and the sidebar', async ({ app }) => {
    await pickModel(app, 'gemini-2.0-flash-exp', 'Google: Gemini 2.0 Flash Experimental');
    await sendMessage(app, 'Hello there');
    await waitForCompleteReply(ui(app).lastReply);
    await expect(app.locator('.chat-header')).toContainText('Retires on 31 Dec 2026 — pick another model');
    await expect(ui(app).sidebar.getByRole('button', { name: /model retiring/ })).toHaveCount(1);
    await saveScreen(app, 'retiring-model');
  });
});
