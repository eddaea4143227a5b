import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Theme } from '../../common/settings-types';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { pickModel, sendMessage, ui, waitForCompleteReply } from './helpers/ui';

/**
 * axe-core over the main states of the chat window, in both themes. Serious and critical violations
 * fail; the message lists each rule id with the elements it flagged.
 */
async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  // Soft, so one run reports every state that fails rather than only the first.
  expect.soft(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

/** The theme is a setting kept by main; the reloaded window applies it. */
async function useTheme(harness: Harness, app: Page, theme: Theme): Promise<void> {
  await harness.services.settings.update({ theme });
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.describe('without a key', () => {
      test.use({ harnessOptions: { withKey: false } });

      test('onboarding has no serious or critical axe violations', async ({ app, harness }) => {
        await useTheme(harness, app, theme);
        await expect(app.getByRole('heading', { name: 'Connect your OpenRouter key' })).toBeVisible();
        await expectNoSeriousViolations(app, `onboarding (${theme})`);
      });
    });

    test('a chat with a reply, the model picker and settings have no serious or critical axe violations', async ({
      app,
      harness,
    }) => {
      await useTheme(harness, app, theme);
      const { lastReply, modelButton, picker, settingsButton, settings } = ui(app);
      await expect(app.getByText('What would you like to ask?')).toBeVisible();
      await expectNoSeriousViolations(app, `empty chat (${theme})`);

      await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
      await sendMessage(app, 'Hello there');
      await waitForCompleteReply(lastReply);
      await expectNoSeriousViolations(app, `chat with a reply (${theme})`);

      await modelButton.click();
      await expect(picker.getByRole('option').first()).toBeVisible();
      await expectNoSeriousViolations(app, `model picker (${theme})`);
      await picker.getByRole('searchbox', { name: 'Search models' }).press('Escape');
      await expect(picker).toBeHidden();

      await settingsButton.click();
      await expect(settings.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' })).toBeChecked();
      await expectNoSeriousViolations(app, `settings (${theme})`);
    });
  });
}
