import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ui } from './helpers/ui';

/**
 * Issue 20: a settings change reaches every open chat window, not only the one that made it — a theme
 * chosen in one window's Settings, and the settings a restore brings back (written through the store's
 * `replaceAll`, as the backups service does). Two pages on the same harness are two chat windows.
 */

const theme = (page: Page, name: 'Light' | 'Dark') => ui(page).settings.getByRole('radio', { name });

test('a theme chosen in one window shows in the other at once; a restore reaches both', async ({
  app,
  harness,
}) => {
  const other = await app.context().newPage();
  await other.goto(harness.url);
  // Both windows have loaded their settings (the theme is applied from them).
  await expect(other.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
  await expect(app.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
  await expect.poll(() => harness.services.settings.get().theme).toBe('system');

  await ui(app).settingsButton.click();
  await theme(app, 'Dark').click();
  await expect(theme(app, 'Dark')).toBeChecked();
  await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
  await theme(app, 'Light').click();
  await expect(other.locator('html')).toHaveAttribute('data-theme', 'light');
  // The window that chose keeps its choice (it receives the same settings as its own answer).
  await expect(theme(app, 'Light')).toBeChecked();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');

  // The other window's Settings, open, follows too (its theme radios).
  await ui(other).settingsButton.click();
  await expect(theme(other, 'Light')).toBeChecked();
  await harness.services.settings.replaceAll({
    ...harness.services.settings.get(),
    theme: 'dark',
    systemPrompt: 'Answer like a marine biologist.',
  });
  for (const page of [app, other]) {
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(theme(page, 'Dark')).toBeChecked();
  }
  // A field holding a draft starts from the settings when Settings opens: the restored prompt, with no reload.
  await ui(other).settings.getByRole('button', { name: 'Close' }).click();
  await expect(ui(other).settings).toBeHidden();
  await ui(other).settingsButton.click();
  await expect(ui(other).settings.getByLabel('System prompt')).toHaveValue('Answer like a marine biologist.');
  await other.close();
});
