import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ui } from './helpers/ui';

/**
 * axe-core over issue 15's controls in both themes: the composer's Reasoning and Web search (with its
 * price shown), Settings → Providers with the model's endpoint table, and Conversation options. The
 * controls are reached from the keyboard.
 */
async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect.soft(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`request controls have no serious or critical axe violations (${theme})`, async ({ app, harness }) => {
    await harness.services.settings.update({ theme, defaultModel: 'anthropic/claude-sonnet-4' });
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(ui(app).modelButton).toHaveAccessibleDescription('Anthropic: Claude Sonnet 4');

    // Keyboard: from the message field, Tab reaches Send, Compare (issue 18), then Reasoning, then
    // Web search.
    const reasoning = app.getByRole('combobox', { name: 'Reasoning' });
    const webSearch = app.getByRole('button', { name: 'Web search' });
    await ui(app).composer.fill('Hello');
    await ui(app).composer.focus();
    await app.keyboard.press('Tab');
    await expect(ui(app).send).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(app.getByRole('button', { name: 'Compare', exact: true })).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(reasoning).toBeFocused();
    await app.keyboard.press('Tab');
    await expect(webSearch).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(webSearch).toHaveAttribute('aria-pressed', 'true');
    await expect(app.getByText(/per search/)).toBeVisible();
    await expectNoSeriousViolations(app, `composer controls (${theme})`);

    await ui(app).settingsButton.click();
    const providers = ui(app).settings.getByRole('region', { name: 'Providers' });
    await expect(providers.getByRole('table', { name: /Providers serving/ })).toBeVisible();
    await expectNoSeriousViolations(app, `Settings → Providers (${theme})`);
    await app.keyboard.press('Escape');
    await expect(ui(app).settings).toBeHidden();

    await app.getByRole('button', { name: 'Conversation options' }).click();
    const options = app.getByRole('dialog', { name: 'Conversation options' });
    await expect(options.getByRole('group', { name: 'Fallback models' })).toBeVisible();
    await expectNoSeriousViolations(app, `Conversation options (${theme})`);
  });
}
