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
