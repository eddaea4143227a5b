import { expect, test } from './fixtures';
import { pickModel, saveScreen, sendMessage, ui, waitForCompleteReply } from './helpers/ui';

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
