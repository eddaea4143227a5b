import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { saveScreen, ui } from './helpers/ui';

/**
 * The current model in detail, from the keyboard, through the real services and the emulator's
 * `/models` (which serves a description, knowledge cutoff, reply cap and cache/image prices for
 * openai/gpt-4o): in the picker, which opens on it, and in "Model details" beside the model button.
 */
test.describe('model details', () => {
  test.beforeEach(async ({ app, harness }) => {
    await harness.services.settings.update({ defaultModel: 'openai/gpt-4o' });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription('OpenAI: GPT-4o');
  });

  test('the picker opens on the current model with its details shown', async ({ app }) => {
    const { picker, search } = ui(app);
    await app.keyboard.press('Control+k');
    await expect(search).toBeFocused();
    const activeId = await search.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    await expect(app.locator(`[id="${activeId}"]`)).toContainText('OpenAI: GPT-4o');
    await expect(app.locator(`[id="${activeId}"]`)).toBeInViewport();
    const details = picker.getByRole('region', { name: 'Details of OpenAI: GPT-4o' });
    await expect(details).toContainText('GPT-4o is a model from OpenAI');
    await expect(details).toContainText('Prompt$2.50 per M tokens');
    await app.keyboard.press('Escape');
    await expect(picker).toBeHidden();
  });

  test('"Model details" shows the current model: description, cutoff, limits and every price', async ({
    app,
  }) => {
    const { modelButton } = ui(app);
    const detailsButton = app.getByRole('button', { name: 'Model details' });
    // Keyboard only: the details button is the next Tab stop after the model button.
    await modelButton.focus();
    await app.keyboard.press('Tab');
    await expect(detailsButton).toBeFocused();
    await expect(detailsButton).toHaveAccessibleDescription('OpenAI: GPT-4o');
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Model details' });
    await expect(dialog).toBeVisible();
    const panel = dialog.getByRole('region', { name: 'Details of OpenAI: GPT-4o' });
    await expect(panel.locator('.model-description')).toContainText('GPT-4o is a model from OpenAI');
    const facts = panel.locator('dt');
    await expect(facts).toContainText([
      'Knowledge cutoff',
      'Context',
      'Longest reply',
      'Prompt',
      'Completion',
      'Cache read',
      'Cache write',
      'Image',
    ]);
    await expect(panel).toContainText('Knowledge cutoff1 Oct 2023');
    await expect(panel).toContainText('Context128K context');
    await expect(panel).toContainText(/Longest reply[\d,]+ tokens/);
    await expect(panel).toContainText('Prompt$2.50 per M tokens');
    await expect(panel).toContainText('Completion$10.00 per M tokens');
    await expect(panel).toContainText('Cache read$0.25 per M tokens');
    await expect(panel).toContainText(/Cache write\$3\.1\d per M tokens/);
    await expect(panel).toContainText(/Image\$0\.\d+ per image/);
    await saveScreen(app, 'model-details');
    // Focus stays inside the dialog; Escape closes it and gives focus back to the button.
    await app.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(detailsButton).toBeFocused();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the Model details dialog has no serious or critical axe violations (${theme} theme)`, async ({
      app,
      harness,
    }) => {
      await harness.services.settings.update({ theme });
      await app.reload();
      await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
      await app.getByRole('button', { name: 'Model details' }).focus();
      await app.keyboard.press('Enter');
      await expect(app.getByRole('dialog', { name: 'Model details' })).toBeVisible();
      const results = await new AxeBuilder({ page: app }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);
    });
  }
});

/**
 * The moderation error's flagged text is upstream text of any shape: a long unbroken run must wrap
 * inside the error box rather than widen the message. Checked on the real stylesheet in Chromium (jsdom
 * has no layout), with the markup ReplyError renders, in a box as narrow as a small window's message.
 */
test('the flagged text of a moderation error wraps inside the message, in monospace', async ({ app }) => {
  await expect(ui(app).modelButton).toBeVisible();
  const measured = await app.evaluate(() => {
    const box = document.createElement('div');
    box.className = 'reply-error';
    box.style.width = '320px';
    box.innerHTML =
      '<figure class="moderation-flagged"><figcaption>Flagged text</figcaption><blockquote></blockquote></figure>';
    const quote = box.querySelector('blockquote') as HTMLElement;
    quote.textContent = `${'x'.repeat(400)} and ${'https://example.com/'.repeat(20)}`;
    document.body.append(box);
    const result = {
      boxRight: box.getBoundingClientRect().right,
      quoteRight: quote.getBoundingClientRect().right,
      overflowing: quote.scrollWidth > quote.clientWidth,
      font: getComputedStyle(quote).fontFamily,
    };
    box.remove();
    return result;
  });
  expect(measured.overflowing).toBe(false);
  expect(measured.quoteRight).toBeLessThanOrEqual(measured.boxRight);
  expect(measured.font).toMatch(/mono/i);
});
