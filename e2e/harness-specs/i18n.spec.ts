import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { DisplayLocale, LanguageSetting } from '../../common/i18n/locales';
import { catalogIntl } from '../../main/services/i18n/catalog-intl';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { layoutProblems } from './helpers/layout-problems';
import { pickModel, saveScreen, ui } from './helpers/ui';
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

/** axe's serious and critical violations on the page as it is now. */
async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

// Every language the app ships (issue 20: "axe stays clean in every language"): the chat screen, then
// Settings over it.
for (const language of ['en', 'zh-CN', 'ja', 'de', 'es', 'fr'] as const) {
  test(`axe finds no serious violations on the chat screen and in Settings in ${language}`, async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, language);
    await expect(app.locator('html')).toHaveAttribute('lang', language);
    await expect(settingsButton(app, language)).toBeVisible();
    expect(await seriousViolations(app)).toEqual([]);
    await settingsButton(app, language).click();
    await expect(app.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(app)).toEqual([]);
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

test.describe('the chat pane, composer, attachments, toasts and Compare', () => {
  /** Two files main's "Attach files" dialog hands over (the harness's stand-in), and one it refuses. */
  async function attachable(dir: string): Promise<string[]> {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    const files: Record<string, string> = {
      'notes.txt': 'Meeting notes\n- ship attachments\n',
      'bomb.png': 'PK\u0003\u0004 not an image',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(`${dir}/${name}`, text);
    return Object.keys(files).map((name) => `${dir}/${name}`);
  }

  /**
   * layoutProblems() without the text only a screen reader gets: `.visually-hidden` is a 1 px clipped
   * box by design ("Column 1: " before a column's model, the estimate's explanation), in every language.
   */
  async function shownLayoutProblems(root: Locator): Promise<string[]> {
    const hidden = await root.evaluate((el) =>
      [...el.querySelectorAll('.visually-hidden')].map((h) =>
        (h.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
      ),
    );
    return (await layoutProblems(root)).filter((p) => !hidden.some((t) => t !== '' && p.endsWith(`"${t}"`)));
  }

  /** Opens the chat on a paid model (so the cost estimate shows) in `language`. */
  async function openChat(harness: Harness, app: Page, language: LanguageSetting): Promise<void> {
    await harness.services.settings.update({ language, defaultModel: 'openai/gpt-4o' });
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('lang', language);
    await expect(app.locator('.model-button-name')).toHaveText('OpenAI: GPT-4o');
  }

  test('en-XA: no text outside the catalogs, before and after sending', async ({
    app,
    harness,
  }, testInfo) => {
    // Ask before any message that could cost something: the ask-before-sending dialog shows.
    await harness.services.settings.update({
      spending: { dailyUsd: null, monthlyUsd: null, askAboveUsd: 0.000001 },
    });
    await openChat(harness, app, 'en-XA');
    for (const part of ['.chat-header', '.chat-placeholder', '.composer-box'])
      expect(await untranslated(app, app.locator(part)), part).toEqual([]);

    // Attachments: the chips, and main's refusal in a toast (its reason is main's, inside our sentence).
    harness.attachFiles = await attachable(testInfo.outputPath('files'));
    await app.locator('.composer-attach').click();
    const chips = app.locator('.attachment-chips');
    await expect(chips.getByRole('listitem')).toHaveCount(1);
    await expect(chips.locator('.attachment-chip-detail')).toContainText('⟦');
    expect(await untranslated(app, chips)).toEqual([]);
    // Main's refusal (it names the file) is worded from the catalog (errors.attachments) inside our
    // sentence, like the region and the toast's button: nothing in the toasts is left untranslated.
    const toasts = app.locator('.toasts');
    await expect(toasts.locator('.toast-error')).toContainText('bomb.png');
    await expect(toasts).toHaveAttribute('aria-label', /⟦/);
    expect(await untranslated(app, toasts)).toEqual([]);

    // The estimate beside Send, and the ask-before-sending dialog.
    await app.locator('.composer textarea').fill('Which is larger, 9.11 or 9.9?');
    await expect(app.locator('.composer-estimate')).toContainText('⟦');
    expect(await untranslated(app, app.locator('.composer-estimate'))).toEqual([]);
    await app.locator('.composer-box button[type="submit"]').click();
    const confirm = app.locator('.confirm-send');
    await expect(confirm).toBeVisible();
    expect(await untranslated(app, confirm)).toEqual([]);
    await app.keyboard.press('Escape');
    await expect(confirm).toBeHidden();

    // Compare: before sending, and once both replies and their figures are in.
    await app.locator('.composer-box button[aria-haspopup="dialog"]').click();
    const compare = app.locator('.compare[role="dialog"]');
    await expect(compare.locator('.compare-column')).toHaveCount(2);
    expect(await untranslated(app, compare)).toEqual([]);
    await compare.locator('.compare-footer .button-primary').click();
    await expect(compare.locator('.compare-column > .button-primary')).toHaveCount(2, { timeout: 30_000 });
    await expect(compare.locator('.compare-stats dd').first()).toContainText('⟦');
    expect(await untranslated(app, compare)).toEqual([]);
    await saveScreen(app, 'i18n-compare-en-XA');
    // "Continue with this": the conversation, its header (title, cost) and the composer.
    await compare.locator('.compare-column > .button-primary').first().click();
    await expect(compare).toBeHidden();
    await expect(app.locator('.conversation-cost')).toBeVisible();
    expect(await untranslated(app, app.locator('.chat-header'))).toEqual([]);
    expect(await untranslated(app, app.locator('.composer-box'))).toEqual([]);
  });

  for (const language of ['de', 'zh-CN'] as const)
    test(`${language}: header, composer, chips and Compare neither clipped nor overlapping`, async ({
      app,
      harness,
    }, testInfo) => {
      await openChat(harness, app, language);
      harness.attachFiles = await attachable(testInfo.outputPath('files'));
      await app.locator('.composer-attach').click();
      await expect(app.locator('.attachment-chips').getByRole('listitem')).toHaveCount(1);
      await app.locator('.composer textarea').fill('Which is larger, 9.11 or 9.9?');
      await expect(app.locator('.composer-estimate')).toBeVisible();
      // The model's name is cut with an ellipsis by design (layout.css, .model-button-name; its full
      // name is the button's description), in English too at this width: not a language's doing.
      const byDesign = (problem: string) => problem.endsWith('"OpenAI: GPT-4o"');
      for (const part of ['.chat-header', '.composer-box', '.attachment-chips', '.composer-estimate'])
        expect(
          (await shownLayoutProblems(app.locator(part))).filter((p) => !byDesign(p)),
          part,
        ).toEqual([]);
      await saveScreen(app, `i18n-chat-${language}`);
      await app.locator('.composer-box button[aria-haspopup="dialog"]').click();
      const compare = app.locator('.compare[role="dialog"]');
      await expect(compare.locator('.compare-column')).toHaveCount(2);
      for (const part of ['.compare-header', '.compare-column-header', '.compare-footer'])
        expect(await shownLayoutProblems(compare.locator(part).first()), part).toEqual([]);
      await saveScreen(app, `i18n-compare-${language}`);
    });
});

test.describe('the sidebar and a conversation (sidebar, messages, format, markdown areas)', () => {
  /** Two conversations: a finished reply with every figure, sources and a cut-off note; an interrupted one. */
  async function seedHistory(harness: Harness): Promise<void> {
    const history = harness.services.history;
    const first = await history.create({ model: 'openai/gpt-4o-mini', title: 'Sourdough' });
    await history.appendUserMessage(first.id, 'How do I bake sourdough bread?');
    const reply = await history.beginReply(first.id, { model: 'openai/gpt-4o-mini' });
    await history.finishReply(first.id, reply.id, {
      status: 'complete',
      content: 'Feed the starter, then let the dough **ferment** overnight.\n\n```python\nprint(1)\n```',
      reasoning: 'The person asks about bread.',
      finishReason: 'length',
      provider: 'OpenAI',
      usage: {
        promptTokens: 1234,
        completionTokens: 56,
        reasoningTokens: 12,
        cachedPromptTokens: 1000,
        webSearchRequests: 1,
        cost: 0.0012,
      },
      citations: [{ url: 'https://example.com/bread', title: 'Bread basics', host: 'example.com' }],
    });
    const second = await history.create({ model: 'openai/gpt-4o-mini', title: 'Cheese' });
    await history.appendUserMessage(second.id, 'And cheese?');
    const cut = await history.beginReply(second.id, { model: 'openai/gpt-4o-mini' });
    await history.finishReply(second.id, cut.id, { status: 'interrupted', content: 'Start with milk' });
    await history.whenSearchReady();
  }

  test('en-XA: the sidebar, its menu, rename and search, and the messages of a conversation', async ({
    app,
    harness,
  }) => {
    await seedHistory(harness);
    await useLanguage(harness, app, 'en-XA');
    const sidebar = app.locator('.sidebar');
    await expect(sidebar.locator('.conversation')).toHaveCount(2);
    expect(await untranslated(app, sidebar)).toEqual([]);

    // The conversation's menu, and renaming from it.
    await sidebar.locator('.conversation').first().getByRole('button', { name: /⟦/ }).last().click();
    const menu = sidebar.getByRole('menu');
    await expect(menu.getByRole('menuitem')).toHaveCount(4);
    expect(await untranslated(app, menu)).toEqual([]);
    await menu.getByRole('menuitem').first().click();
    await expect(sidebar.locator('.rename-field')).toBeFocused();
    expect(await untranslated(app, sidebar)).toEqual([]);
    await app.keyboard.press('Escape');

    // Search: results, and the hidden count read out.
    await sidebar.getByRole('searchbox').fill('ferment');
    await expect(sidebar.locator('.search-hit')).toHaveCount(1);
    expect(await untranslated(app, sidebar.locator('.history-search'))).toEqual([]);
    await sidebar.getByRole('searchbox').fill('nothing-matches-this');
    await expect(sidebar.locator('.search-results .sidebar-empty')).toContainText('⟦');
    expect(await untranslated(app, sidebar.locator('.history-search'))).toEqual([]);
    await sidebar.getByRole('searchbox').fill('');

    // The finished reply: reasoning, code block, sources, the cut-off note, its figures and actions.
    await sidebar.locator('.conversation-open', { hasText: 'Sourdough' }).click();
    const reply = app.locator('.message-assistant');
    await expect(reply.locator('.reply-sources')).toBeVisible();
    await expect(reply.locator('.message-meta')).toContainText('⟦');
    await reply.locator('.md-reasoning-summary').click();
    const list = app.locator('.message-list-frame');
    expect(await untranslated(app, list)).toEqual([]);
    await saveScreen(app, 'i18n-messages-en-XA');

    // Editing a message.
    await app.locator('.message-user .message-actions button').last().click();
    await expect(app.locator('.edit-message textarea')).toBeFocused();
    expect(await untranslated(app, app.locator('.message-user'))).toEqual([]);
    await app.keyboard.press('Escape');

    // The interrupted reply, with Regenerate.
    await sidebar.locator('.conversation-open', { hasText: 'Cheese' }).click();
    await expect(app.locator('.message-assistant .reply-note')).toContainText('⟦');
    expect(await untranslated(app, list)).toEqual([]);
  });

  /**
   * layoutProblems without the screen-reader-only text (`.visually-hidden`, such as ", last active"),
   * which is clipped to a pixel on purpose.
   */
  async function visibleLayoutProblems(root: Locator): Promise<string[]> {
    const hidden = (await root.locator('.visually-hidden').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' ').trim().slice(0, 40),
    );
    return (await layoutProblems(root)).filter((p) => !hidden.some((t) => t !== '' && p.endsWith(`"${t}"`)));
  }

  for (const language of ['de', 'zh-CN'] as const)
    test(`${language}: the sidebar and the messages neither clipped nor overlapping`, async ({
      app,
      harness,
    }) => {
      await seedHistory(harness);
      await useLanguage(harness, app, language);
      const sidebar = app.locator('.sidebar');
      await expect(sidebar.locator('.conversation')).toHaveCount(2);
      await sidebar.locator('.conversation-open', { hasText: 'Sourdough' }).click();
      const reply = app.locator('.message-assistant');
      await expect(reply.locator('.reply-sources')).toBeVisible();
      for (const part of [
        '.sidebar',
        '.message-user',
        '.message-assistant .message-actions',
        '.message-meta',
      ])
        expect(await visibleLayoutProblems(app.locator(part).first()), part).toEqual([]);
      expect(await visibleLayoutProblems(reply.locator('.reply-note')), '.reply-note').toEqual([]);
      await saveScreen(app, `i18n-messages-${language}`);
    });
});

test.describe("main's errors in the window's language (errors.* areas)", () => {
  test('de: a key pasted into the composer is refused by main in German, and nothing is sent', async ({
    app,
    harness,
  }) => {
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    // Switched live, as from Settings: main tells the window, which re-renders in German.
    await harness.services.settings.update({ language: 'de' });
    await expect(app.locator('html')).toHaveAttribute('lang', 'de');
    const composer = app.getByRole('textbox', { name: text('de', 'chat.composer.message'), exact: true });
    // Shaped like a key, not the harness's own: main refuses it before any request or history write.
    const pasted = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    await composer.fill(`Hier ist er: ${pasted}`);
    await composer.press('Enter');
    const refusal = app.getByRole('alert').filter({ hasText: 'Nicht gesendet' });
    await expect(refusal).toContainText(text('de', 'errors.chat.keyShapedInMessage'));
    await expect(refusal).toContainText(
      'Diese Nachricht enthält etwas, das wie ein OpenRouter-API-Schlüssel aussieht.',
    );
    await expect(refusal).toContainText('Nicht gesendet:');
    await expect(refusal).not.toContainText('This message contains');
    // The text stays where it was; no message went into the conversation.
    await expect(composer).toHaveValue(`Hier ist er: ${pasted}`);
    await expect(app.getByRole('article')).toHaveCount(0);
  });
});

/**
 * Settings' sections, the Spending view, the model picker, Conversation options and the start screen
 * (areas settings.*, spending, modelPicker, requestControls, onboarding): no text outside the catalogs in
 * en-XA, and nothing clipped or overlapping in German.
 */
test.describe('Settings sections, Spending, the model picker, Conversation options and the start screen', () => {
  const XA = 'en-XA' as const;

  async function openSettings(app: Page, locale: DisplayLocale): Promise<Locator> {
    await settingsButton(app, locale).click();
    const dialog = app.getByRole('dialog', { name: text(locale, 'settings.title') });
    await expect(
      dialog.getByRole('heading', { name: text(locale, 'settings.backups.heading') }),
    ).toBeVisible();
    return dialog;
  }

  async function openSpending(app: Page, locale: DisplayLocale): Promise<Locator> {
    await app.getByRole('button', { name: text(locale, 'sidebar.spending') }).click();
    const dialog = app.getByRole('dialog', { name: text(locale, 'spending.title') });
    await expect(
      dialog.getByRole('heading', { name: text(locale, 'spending.totals.heading') }),
    ).toBeVisible();
    await expect(dialog.getByText(text(locale, 'spending.key.loading'))).toBeHidden();
    return dialog;
  }

  async function openPicker(app: Page, locale: DisplayLocale): Promise<Locator> {
    await app.getByRole('button', { name: text(locale, 'chat.model.label'), exact: true }).click();
    const dialog = app.getByRole('dialog', { name: text(locale, 'modelPicker.title') });
    await expect(dialog.getByRole('option').first()).toBeVisible();
    return dialog;
  }

  async function openConversationOptions(app: Page, locale: DisplayLocale): Promise<Locator> {
    await app.getByRole('button', { name: text(locale, 'chat.header.conversationOptions') }).click();
    const dialog = app.getByRole('dialog', { name: text(locale, 'requestControls.options.title') });
    await expect(
      dialog.getByRole('heading', { name: text(locale, 'requestControls.options.fallbacksHeading') }),
    ).toBeVisible();
    return dialog;
  }

  test('en-XA: every Settings section, with the key verified and its removal asked', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, XA);
    const dialog = await openSettings(app, XA);
    expect(await untranslated(app, dialog)).toEqual([]);
    await dialog.getByRole('button', { name: text(XA, 'settings.key.verify') }).click();
    await expect(dialog.locator('.verification .key-facts')).toBeVisible();
    await dialog.getByRole('button', { name: text(XA, 'settings.key.remove') }).click();
    await expect(dialog.getByRole('button', { name: text(XA, 'settings.key.confirmRemoval') })).toBeVisible();
    // A bad value in a field says so in the language too.
    await dialog.getByRole('textbox', { name: text(XA, 'settings.spending.daily.label') }).fill('-1');
    await expect(dialog.getByText(text(XA, 'settings.spending.invalid'))).toBeVisible();
    expect(await untranslated(app, dialog)).toEqual([]);
  });

  test('en-XA: the Spending view, as a chart and as a table', async ({ app, harness }) => {
    await useLanguage(harness, app, XA);
    const dialog = await openSpending(app, XA);
    expect(await untranslated(app, dialog)).toEqual([]);
    await dialog.getByRole('button', { name: text(XA, 'spending.asTable') }).click();
    await dialog
      .getByRole('radio', { name: catalogIntl(XA).formatMessage({ id: 'spending.lastDays' }, { days: 90 }) })
      .check();
    expect(await untranslated(app, dialog)).toEqual([]);
  });

  test('en-XA: the model picker with its filters, details and preset field', async ({ app, harness }) => {
    await useLanguage(harness, app, XA);
    const picker = await openPicker(app, XA);
    await picker.getByRole('button', { name: text(XA, 'modelPicker.preset.use') }).click();
    await expect(picker.getByRole('alert')).toContainText('⟦');
    expect(await untranslated(app, picker)).toEqual([]);
  });

  test('en-XA: Conversation options and the request controls beside the composer', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, XA);
    await app.getByRole('button', { name: text(XA, 'requestControls.webSearch.label') }).click();
    expect(await untranslated(app, app.locator('.composer-controls'))).toEqual([]);
    const dialog = await openConversationOptions(app, XA);
    expect(await untranslated(app, dialog)).toEqual([]);
  });

  test.describe('without a key', () => {
    test.use({ harnessOptions: { withKey: false } });

    test('en-XA: the start screen', async ({ app, harness }) => {
      await useLanguage(harness, app, XA);
      const start = app.locator('.onboarding');
      await expect(start.getByRole('heading', { level: 2 })).toContainText('⟦');
      expect(await untranslated(app, start)).toEqual([]);
    });

    test('de: the start screen neither clipped nor overlapping', async ({ app, harness }) => {
      await useLanguage(harness, app, 'de');
      const start = app.locator('.onboarding');
      await expect(start.getByRole('heading', { name: text('de', 'onboarding.heading') })).toBeVisible();
      expect(await layoutProblems(start)).toEqual([]);
    });
  });

  test('de: Settings, Spending, the model picker and Conversation options neither clipped nor overlapping', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, 'de');
    /** The screen-reader-only text (`.visually-hidden`) is clipped to a pixel on purpose. */
    const problems = async (root: Locator) => {
      const hidden = (await root.locator('.visually-hidden').allTextContents()).map((t) =>
        t.replace(/\s+/g, ' ').trim().slice(0, 40),
      );
      return (await layoutProblems(root)).filter(
        (p) => !hidden.some((t) => t !== '' && p.endsWith(`"${t}"`)),
      );
    };
    const settings = await openSettings(app, 'de');
    expect(await problems(settings), 'Settings').toEqual([]);
    await saveScreen(app, 'i18n-settings-sections-de');
    await app.keyboard.press('Escape');
    const spending = await openSpending(app, 'de');
    expect(await problems(spending), 'Spending').toEqual([]);
    await app.keyboard.press('Escape');
    const picker = await openPicker(app, 'de');
    // Its parts, not the windowed list as a whole: rows and their stars scrolled out of view are clipped
    // by the list's scroller, which a box-overlap check cannot see.
    for (const part of [
      '.preset-field',
      '.picker-search',
      '.picker-filters',
      '.picker-status',
      '.model-details',
    ])
      expect(await problems(picker.locator(part)), part).toEqual([]);
    expect(await problems(picker.getByRole('option').first()), 'first option').toEqual([]);
    await app.keyboard.press('Escape');
    const options = await openConversationOptions(app, 'de');
    expect(await problems(options), 'Conversation options').toEqual([]);
  });
});

test.describe('updates: the banner and Settings → Updates (updates.status, updates.banner, settings.updates)', () => {
  const XA = 'en-XA' as const;
  const say = (locale: DisplayLocale, id: string, version: string) =>
    catalogIntl(locale).formatMessage({ id }, { version });

  async function openUpdates(app: Page): Promise<Locator> {
    await settingsButton(app, XA).click();
    const dialog = app.getByRole('dialog', { name: text(XA, 'settings.title') });
    return dialog.getByRole('region', { name: text(XA, 'settings.updates.heading') });
  }

  test('en-XA: a refused download, then a ready update, in Settings and the banner; a switch re-words it', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, XA);
    harness.updater.nextCheck = { available: '2.0.0' };
    harness.updater.nextDownload = {
      progress: [30],
      error: Object.assign(new Error('New version 2.0.0 is not signed by the application owner'), {
        code: 'ERR_UPDATER_INVALID_SIGNATURE',
      }),
    };
    const updates = await openUpdates(app);
    expect(await untranslated(app, updates)).toEqual([]);
    await updates.getByRole('button', { name: text(XA, 'settings.updates.check') }).click();
    await expect(updates.getByRole('status')).toHaveText(text(XA, 'updates.status.problem.badSignature'));
    expect(await untranslated(app, updates)).toEqual([]);
    await app.keyboard.press('Escape');
    const banner = app.getByRole('region', { name: text(XA, 'updates.banner.region') });
    await expect(banner.getByRole('status')).toHaveText(text(XA, 'updates.status.problem.badSignature'));
    expect(await untranslated(app, banner)).toEqual([]);

    // Tried again: downloaded, "Restart to update" offered in both places.
    harness.updater.nextDownload = { progress: [100] };
    const again = await openUpdates(app);
    await again.getByRole('button', { name: text(XA, 'settings.updates.check') }).click();
    await expect(again.getByRole('status')).toHaveText(say(XA, 'updates.status.downloaded', '2.0.0'));
    await expect(again.getByRole('button', { name: text(XA, 'settings.updates.restart') })).toBeVisible();
    expect(await untranslated(app, again)).toEqual([]);
    await app.keyboard.press('Escape');
    await expect(banner.getByRole('status')).toHaveText(say(XA, 'updates.status.downloaded', '2.0.0'));
    expect(await untranslated(app, banner)).toEqual([]);

    // The language changes with the banner on screen (no reload): its status is said again, in German.
    await harness.services.settings.update({ language: 'de' });
    const german = app.getByRole('region', { name: text('de', 'updates.banner.region') });
    await expect(german.getByRole('status')).toHaveText(say('de', 'updates.status.downloaded', '2.0.0'));
    await expect(german.getByRole('button', { name: text('de', 'updates.banner.restart') })).toBeVisible();
  });

  test('en-XA: a build without an update feed says so from the catalog, not as an error', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, XA);
    // What electron-updater rejects with when resources/app-update.yml is missing (Node's ENOENT).
    harness.updater.nextCheck = {
      error: Object.assign(
        new Error("ENOENT: no such file or directory, open '/opt/Switchboard/resources/app-update.yml'"),
        {
          code: 'ENOENT',
          path: '/opt/Switchboard/resources/app-update.yml',
        },
      ),
    };
    const updates = await openUpdates(app);
    await updates.getByRole('button', { name: text(XA, 'settings.updates.check') }).click();
    await expect(updates.getByRole('status')).toHaveText(text(XA, 'updates.status.notConfigured'));
    await expect(updates.getByRole('alert')).toHaveCount(0);
    expect(await untranslated(app, updates)).toEqual([]);
    await app.keyboard.press('Escape');
    // Nothing in the banner: this is not a failure.
    const banner = app.getByRole('region', { name: text(XA, 'updates.banner.region') });
    await expect(banner.getByRole('status')).toHaveText('');
    expect(harness.updater.calls).toEqual(['check']);
  });
});

test.describe('history errors (errors.history): an import main refuses, in the window’s language', () => {
  test('en-XA: a file that is not JSON, then one from a newer Switchboard: both toasts from the catalog', async ({
    app,
    harness,
  }, testInfo) => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const XA = 'en-XA' as const;
    await useLanguage(harness, app, XA);
    await expect(app.locator('html')).toHaveAttribute('lang', XA);
    const dir = testInfo.outputPath('imports');
    await mkdir(dir, { recursive: true });
    const importButton = app.getByRole('button', { name: text(XA, 'sidebar.transfer.import'), exact: true });
    const toasts = app.locator('.toasts');

    // Not JSON at all: main refuses the whole file before anything is written.
    harness.importFile = `${dir}/not-json.json`;
    await writeFile(harness.importFile, '{ not json');
    await importButton.click();
    const notJson = toasts
      .locator('.toast-error')
      .filter({ hasText: text(XA, 'errors.history.importNotJson') });
    await expect(notJson).toHaveCount(1);
    expect(await untranslated(app, notJson)).toEqual([]);

    // An export from a newer Switchboard: the version is a value inside the catalog's sentence.
    harness.importFile = `${dir}/newer.json`;
    await writeFile(
      harness.importFile,
      JSON.stringify({ format: 'switchboard-export', version: 99, conversations: [] }),
    );
    await importButton.click();
    const newer = toasts.locator('.toast-error').filter({
      hasText: catalogIntl(XA).formatMessage({ id: 'errors.history.importNewerVersion' }, { version: '99' }),
    });
    await expect(newer).toHaveCount(1);
    expect(await untranslated(app, newer)).toEqual([]);
    expect(harness.services.history.list({ limit: 10 }).total).toBe(0);
  });
});

test.describe('OpenRouter errors (errors.openrouter): catalog text around OpenRouter’s own words', () => {
  test('en-XA: a moderation refusal through the emulator; a switch to German re-words it on screen', async ({
    app,
    harness,
  }) => {
    const XA = 'en-XA' as const;
    await harness.services.settings.update({ defaultModel: 'emulator/status-403', language: XA });
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('lang', XA);
    const composer = app.getByRole('textbox', { name: text(XA, 'chat.composer.message'), exact: true });
    await composer.fill('Tell me a story about a knight');
    await composer.press('Enter');
    // The reply's error, found by the reply's name in the language the page is in.
    const replyError = (locale: DisplayLocale) =>
      app
        .getByRole('article', { name: text(locale, 'messages.assistant.label') })
        .last()
        .locator('.reply-error');
    const shown = replyError(XA);
    // The emulator's 403 (e2e/emulator, "Faults"): OpenRouter's provider, model, reason and excerpt are
    // the message's values, shown as given inside the catalog's sentence.
    const values = {
      named: 'yes',
      provider: 'OpenAI',
      forModel: 'yes',
      model: 'openai/gpt-4o',
      why: 'yes',
      reasons: 'violence',
      flagged: 'yes',
      excerpt: 'Describe in detail how the knight attacks the…',
    };
    const said = (locale: DisplayLocale) =>
      catalogIntl(locale).formatMessage({ id: 'errors.openrouter.moderationBlocked' }, values);
    const message = (locale: DisplayLocale) => replyError(locale).getByRole('alert').locator('p').first();
    await expect(message(XA)).toHaveText(said(XA));
    expect(await untranslated(app, shown)).toEqual([]);

    // Main sent the message id, not only English: the error already on screen follows the language.
    await harness.services.settings.update({ language: 'de' });
    await expect(app.locator('html')).toHaveAttribute('lang', 'de');
    await expect(message('de')).toHaveText(said('de'));
    await expect(message('de')).toContainText('Ihre Nachricht wurde von der Moderation von OpenAI blockiert');
  });
});

test.describe('attachment refusals from main (errors.attachments)', () => {
  const XA = 'en-XA' as const;

  test('en-XA: a file main refuses, through "Attach files" and dropped, is named in the catalog’s words', async ({
    app,
    harness,
  }, testInfo) => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const dir = testInfo.outputPath('refused');
    await mkdir(dir, { recursive: true });
    // A zip's first bytes under an image's name (not a file Switchboard attaches), and an empty file.
    await writeFile(`${dir}/bomb.png`, 'PK\u0003\u0004 not an image');
    await writeFile(`${dir}/empty.txt`, '');
    harness.attachFiles = [`${dir}/bomb.png`, `${dir}/empty.txt`];
    await useLanguage(harness, app, XA);
    await expect(app.locator('html')).toHaveAttribute('lang', XA);

    await app.locator('.composer-attach').click();
    const toasts = app.locator('.toasts');
    const refusal = (name: string) => toasts.locator('.toast-error').filter({ hasText: name });
    await expect(refusal('bomb.png')).toContainText('⟦');
    await expect(refusal('empty.txt')).toContainText('⟦');
    expect(await untranslated(app, toasts)).toEqual([]);
    await expect(app.locator('.attachment-chips')).toHaveCount(0);

    // Dropped: the bytes go to main (stageAttachment), which refuses a text file over its 1 MB limit;
    // the size comes formatted by the catalog's number skeleton.
    const transfer = await app.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a'.repeat(1.5 * 1024 * 1024)], 'long.txt', { type: 'text/plain' }));
      return dt;
    });
    const box = app.locator('.composer textarea');
    for (const type of ['dragenter', 'dragover', 'drop'])
      await box.dispatchEvent(type, { dataTransfer: transfer });
    await expect(refusal('long.txt')).toContainText('1.5');
    await expect(refusal('long.txt')).toContainText('⟦');
    expect(await untranslated(app, toasts)).toEqual([]);
    await expect(app.locator('.attachment-chips')).toHaveCount(0);
  });
});

test.describe('stored settings problems (errors.settings): what main found wrong, in the window’s language', () => {
  const XA = 'en-XA' as const;
  // A settings file with bad values, as a hand edit or an older version might leave it: main replaces
  // each by its default and describes it (common/option-problems.ts). Written afresh for each run
  // (a retry included), before the harness starts.
  test.use({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
    harnessOptions: async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-i18n-problems-'));
      writeFileSync(
        join(dataDir, 'settings.json'),
        JSON.stringify({
          formatVersion: 1,
          settings: {
            temperature: 'hot',
            spending: { dailyUsd: -5, monthlyUsd: null, askAboveUsd: null },
            providerDefaults: { only: ['Anthropic '] },
            reasoningByModel: { 'openai/o3': { kind: 'effort', effort: 'high', maxTokens: 5 } },
            webSearch: { engine: 'bing', maxResults: 5 },
          },
        }),
      );
      await use({ withKey: true, dataDir });
    },
  });

  test('en-XA: each section’s problem and the list at the top come from the catalog', async ({
    app,
    harness,
  }) => {
    expect(harness.services.settings.problems().map((p) => p.messageId)).toEqual([
      'errors.settings.valueInvalid',
      'errors.settings.reasoning.bothSet',
      'errors.settings.providers.badSlug',
      'errors.settings.webSearch.badEngine',
      'errors.settings.valueInvalid',
    ]);
    await useLanguage(harness, app, XA);
    await expect(app.locator('html')).toHaveAttribute('lang', XA);
    await settingsButton(app, XA).click();
    const dialog = app.getByRole('dialog', { name: text(XA, 'settings.title') });
    const alerts = dialog.locator('.field-error');
    // Temperature (the list at the top), Spending, Providers, Reasoning and Web search.
    await expect(dialog.locator('.settings-problems')).toContainText('⟦');
    for (const heading of ['settings.spending.heading', 'settings.providers.heading']) {
      const section = dialog.getByRole('region', { name: text(XA, heading) });
      await expect(section.locator('.field-error').first()).toContainText('⟦');
    }
    await expect(alerts.filter({ hasText: 'Anthropic ' })).toHaveCount(1);
    await expect(alerts.filter({ hasText: 'openai/o3' })).toHaveCount(1);
    await expect(alerts.filter({ hasText: 'bing' })).toHaveCount(1);
    for (const alert of await alerts.all()) await expect(alert).toContainText('⟦');
    expect(await untranslated(app, dialog)).toEqual([]);
  });
});

test.describe('the placeholder title (history.title): a new conversation in the window’s language', () => {
  test('de: a conversation not named yet is „Neue Unterhaltung“ in the sidebar and the header', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, 'de');
    await expect(app.locator('html')).toHaveAttribute('lang', 'de');
    // Created as "New conversation" (main stores it in English, and names it from the first message).
    const created = await harness.services.history.create({ model: 'openai/gpt-4o-mini' });
    expect(created.title).toBe('New conversation');
    await app.reload();
    const placeholder = text('de', 'history.title.newConversation');
    expect(placeholder).toBe('Neue Unterhaltung');
    const title = app.locator('.conversation-title', { hasText: placeholder });
    await expect(title).toHaveCount(1);
    await expect(app.locator('.conversation-title', { hasText: 'New conversation' })).toHaveCount(0);
    await title.click();
    await expect(app.getByRole('heading', { level: 2, name: placeholder, exact: true })).toBeVisible();
  });
});

test.describe('quarantine notices (errors.history): why a file was moved aside or repaired, in the window’s language', () => {
  // An empty conversation file (moved aside) and one whose message names a parent that does not exist
  // (repaired, a copy kept). Written afresh for each run (a retry included), before the harness starts.
  test.use({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
    harnessOptions: async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-i18n-quarantine-'));
      const conversations = join(dataDir, 'history', 'conversations');
      mkdirSync(conversations, { recursive: true });
      writeFileSync(join(conversations, 'emptyfile.json'), '');
      const message = (id: string, parentId: string | null) => ({
        id,
        parentId,
        role: 'user',
        content: id,
        reasoning: '',
        createdAt: '2026-12-01T10:00:00.000Z',
        model: null,
        status: 'complete',
        error: null,
        usage: null,
        finishReason: null,
        generationId: null,
      });
      writeFileSync(
        join(conversations, 'damaged.json'),
        JSON.stringify({
          formatVersion: 3,
          conversation: {
            id: 'damaged',
            title: 'Damaged',
            createdAt: '2026-12-01T10:00:00.000Z',
            updatedAt: '2026-12-01T10:00:00.000Z',
            model: null,
          },
          messages: [message('u1', null), message('u2', 'ghost')],
          activeLeafId: 'u2',
        }),
      );
      await use({ withKey: true, dataDir });
    },
  });

  test('en-XA: every word is the catalog’s; de: the reason and the repair in German', async ({
    app,
    harness,
  }) => {
    await useLanguage(harness, app, 'en-XA');
    const notices = app.locator('.quarantine');
    await expect(notices).toHaveCount(1);
    await expect(notices.locator('.quarantine-repairs li')).toHaveCount(1);
    expect(await untranslated(app, notices)).toEqual([]);
    await useLanguage(harness, app, 'de');
    await expect(notices).toContainText('konnte nicht geöffnet werden: Die Datei ist leer.');
    await expect(notices.locator('.quarantine-repairs li')).toHaveText(
      'Nachricht „u2“: Ihre vorherige Nachricht „ghost“ existiert nicht; sie folgt jetzt auf die Nachricht davor („u1“).',
    );
  });
});
