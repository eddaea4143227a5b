import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { sendMessage, startWithModel, ui } from './helpers/ui';

/**
 * Updates (issue 20) through the real update service, the real backups service and the real window,
 * with the harness's scripted updater standing in for electron-updater: "Check for updates" in
 * Settings downloads a newer version, the banner offers "Restart to update", and pressing it while a
 * reply streams defers the install until the reply ends — then the pre-update backup, then the
 * installer.
 */

/** A reply that streams for about 40 s unless stopped. */
const SLOW_MODEL = 'emulator/drip-5+tokens-200';

async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect.soft(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

test('"Restart to update" while a reply streams waits for the reply, then backs up and installs', async ({
  app,
  harness,
}) => {
  const { settingsButton, settings, stop } = ui(app);
  await startWithModel(harness, app, SLOW_MODEL);
  harness.updater.nextCheck = { available: '2.0.0' };

  // Settings → Updates → "Check for updates": found, downloaded in the background.
  await settingsButton.click();
  const updates = settings.getByRole('region', { name: 'Updates' });
  await expect(updates.getByRole('checkbox', { name: 'Check for updates automatically' })).toBeChecked();
  await updates.getByRole('button', { name: 'Check for updates' }).click();
  await expect(updates.getByRole('status')).toHaveText(
    'Version 2.0.0 is ready. Restart Switchboard to finish updating.',
  );
  expect(harness.updater.calls).toEqual(['check', 'download']);
  await expectNoSeriousViolations(app, 'Settings → Updates with an update downloaded');
  await app.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // The banner, non-modal: the chat stays usable beside it.
  const banner = app.getByRole('region', { name: 'Update' });
  const restart = banner.getByRole('button', { name: 'Restart to update' });
  await expect(restart).toBeVisible();
  await expect(banner.getByRole('status')).toHaveText(
    'Version 2.0.0 is ready. Restart Switchboard to finish updating.',
  );
  await expectNoSeriousViolations(app, 'the update banner');

  // A reply streams; "Restart to update" now waits for it.
  await sendMessage(app, 'Tell me a long story.');
  await expect(stop).toBeVisible();
  await restart.click();
  await expect(banner.getByRole('status')).toHaveText(
    'The update will be installed when the reply finishes.',
  );
  await expect(restart).toBeFocused();
  expect(harness.updater.calls).not.toContain('quitAndInstall');
  await expectNoSeriousViolations(app, 'the update banner waiting for a reply');

  // The reply ends (stopped here): the backup before the update, then the installer.
  await stop.click();
  await expect.poll(() => harness.updater.calls.includes('quitAndInstall'), { timeout: 15_000 }).toBe(true);
  const backups = await harness.services.backups.list();
  expect(backups.filter((b) => b.kind === 'pre-update' && b.complete)).toHaveLength(1);
  await expect(banner.getByRole('status')).toHaveText(
    'Switchboard is saving a backup and will then restart to install version 2.0.0.',
  );
});

test('a download that fails its signature check is reported in the banner and nothing is offered', async ({
  app,
  harness,
}) => {
  harness.updater.nextCheck = { available: '2.0.0' };
  harness.updater.nextDownload = {
    progress: [30],
    error: Object.assign(new Error('New version 2.0.0 is not signed by the application owner'), {
      code: 'ERR_UPDATER_INVALID_SIGNATURE',
    }),
  };
  const { settingsButton, settings } = ui(app);
  await settingsButton.click();
  await settings.getByRole('button', { name: 'Check for updates' }).click();
  const message =
    'The downloaded update failed its signature check and was deleted. Switchboard will try again later.';
  await expect(settings.getByRole('region', { name: 'Updates' }).getByRole('status')).toHaveText(message);
  await app.keyboard.press('Escape');
  const banner = app.getByRole('region', { name: 'Update' });
  await expect(banner.getByRole('status')).toHaveText(message);
  await expect(banner.getByRole('button', { name: 'Restart to update' })).toHaveCount(0);
  await expectNoSeriousViolations(app, 'the update banner with a refused download');
  // In the dark theme too; a reloaded window reads main's status again.
  await harness.services.settings.update({ theme: 'dark' });
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(banner.getByRole('status')).toHaveText(message);
  await expectNoSeriousViolations(app, 'the update banner with a refused download (dark)');
});
