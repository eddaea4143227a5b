import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { DisplayLocale, LanguageSetting } from '../../common/i18n/locales';
import { catalogIntl } from '../../main/services/i18n/catalog-intl';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { layoutProblems } from './helpers/layout-problems';
import { saveScreen, ui } from './helpers/ui';
import { untranslated } from './helpers/untranslated';

/**
 * Languages (issue 20). The pseudo-locale (en-XA) shows at once any text not taken from a catalog, on the
 * screens converted so far (docs/i18n.md; the list grows as screens are converted); a language chosen in
 * Settings applies without a reload; axe stays clean in German and Chinese.
 */

/** A catalog message as the page shows it in `locale` (controls are found by their translated names). */
const text = (locale: DisplayLocale, id: string) => catalogIntl(locale).formatMessage({ id });

/** The chat header's Settings button, in the language the page is in. */
const settingsButton = (app: Page, locale: DisplayLocale) =>
  app.getByRole('button', { name: text(locale, 'chat.header.settings'), exact: true });

/**
 * Opens the key-entry window the way the person does (onboarding's button, in English), then switches
 * the language before the window loads: it reads the locale when it opens.
 */
async function openKeyEntry(app: Page, harness: Harness, language: LanguageSetting): Promise<Page> {
  await app.getByRole('button', { name: 'Type it in a separate window' }).click();
  await expect.poll(() => harness.keyWindowRequests).toBe(1);
  await harness.services.settings.update({ language });
  const page = await app.context().newPage();
  return page;
}

/** Settings → "Language", chosen as a person would (the select is labelled in the current language). */
async function chooseLanguage(app: Page, value: LanguageSetting): Promise<void> {
  const dialog = app.getByRole('dialog');
  if (!(await dialog.isVisible())) await ui(app).settingsButton.click();
  await dialog.locator('select:has(option[value="de"])').selectOption(value);
}

async function useLanguage(harness: Harness, app: Page, language: LanguageSetting): Promise<void> {
  await harness.services.settings.update({ language });
  await app.reload();
}

test.describe('pseudo-locale: no text outside the catalogs on converted screens', () => {
  test('Settings: its frame, headings and the Language field', async ({ app }) => {
    await ui(app).settingsButton.click();
    await chooseLanguage(app, 'en-XA');
    const dialog = app.getByRole('dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(/^⟦Šéţţíñĝš ·+⟧$/);
    expect(await untranslated(app, dialog.locator('.dialog-header'))).toEqual([]);
    const language = dialog.getByRole('region', { name: /Ĺáñĝúáĝé/ });
    expect(await untranslated(app, language)).toEqual([]);
    for (const heading of await dialog.locator('#settings-chat-heading, #settings-look-heading').all())
      expect(await untranslated(app, heading)).toEqual([]);
  });

  test.describe('without a key', () => {
    test.use({ harnessOptions: { withKey: false } });

    test('the key-entry window, all of it', async ({ app, harness }) => {
      const page = await openKeyEntry(app, harness, 'en-XA');
      await page.goto(harness.keyEntryUrl);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('⟦');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
      expect(await untranslated(page)).toEqual([]);
      // Its validation message too.
      await page.getByRole('button', { name: /Šáṽé/ }).click();
      await expect(page.getByRole('alert')).toContainText('⟦');
      expect(await untranslated(page)).toEqual([]);
      await expect(page).toHaveTitle(/⟦/);
    });
  });
});

test('switching the language in Settings changes the text at once, without a reload', async ({ app }) => {
  await app.evaluate(() => {
    (window as unknown as { beforeSwitch: boolean }).beforeSwitch = true;
  });
  await ui(app).settingsButton.click();
  await chooseLanguage(app, 'de');
  await expect(app.getByRole('dialog', { name: 'Einstellungen' })).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
  await expect(app.getByRole('button', { name: 'Schließen' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'de');
  await chooseLanguage(app, 'ja');
  await expect(app.getByRole('dialog', { name: '設定' })).toBeVisible();
  await chooseLanguage(app, 'system');
  await expect(app.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  expect(await app.evaluate(() => (window as unknown as { beforeSwitch?: boolean }).beforeSwitch)).toBe(true);
});

test.describe('System default follows the system languages', () => {
  test.use({ harnessOptions: { withKey: true, systemLanguages: ['fr-CA', 'en-US'] } });

  test('French from ["fr-CA", "en-US"]', async ({ app }) => {
    await settingsButton(app, 'fr').click();
    await expect(app.getByRole('dialog', { name: 'Paramètres' })).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Langue' })).toHaveValue('system');
  });
});

for (const language of ['de', 'zh-CN'] as const) {
  test(`axe finds no serious violations with Settings open in ${language}`, async ({ app, harness }) => {
    await useLanguage(harness, app, language);
    await expect(app.locator('html')).toHaveAttribute('lang', language);
    await settingsButton(app, language).click();
    await expect(app.getByRole('dialog')).toBeVisible();
    const results = await new AxeBuilder({ page: app }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    expect(serious).toEqual([]);
  });
}

test.describe('long and CJK text: nothing clipped or overlapping on converted screens', () => {
  test.use({ harnessOptions: { withKey: false } });

  for (const language of ['en', 'de', 'zh-CN', 'en-XA'] as const)
    test(`${language}: the key-entry window and the Settings frame`, async ({ app, harness }) => {
      const page = await openKeyEntry(app, harness, language);
      // The key window's page size in the app: 480×500, not resizable (main/electron/window-options.ts).
      await page.setViewportSize({ width: 480, height: 500 });
      await page.goto(harness.keyEntryUrl);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.getByRole('button', { name: /.+/ }).last().click(); // Save: shows the validation message
      await expect(page.getByRole('alert')).toBeVisible();
      expect(await layoutProblems(page.locator('main'))).toEqual([]);
      const fits = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth <= window.innerWidth,
        height: document.documentElement.scrollHeight <= window.innerHeight,
      }));
      expect
        .soft(fits, 'the fixed-size key window needs no scrolling')
        .toEqual({ width: true, height: true });
      await saveScreen(page, `i18n-key-entry-${language}`);

      await app.reload();
      await settingsButton(app, language).click();
      const dialog = app.getByRole('dialog');
      await expect(dialog).toBeVisible();
      expect(await layoutProblems(dialog.locator('.dialog-header'))).toEqual([]);
      await saveScreen(app, `i18n-settings-${language}`);
    });
});
