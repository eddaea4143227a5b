import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OptionProblem } from '../../../../common/option-problems';
import { renderApp } from '../../testing/render-app';

/**
 * Issue 20: what main found wrong in the stored settings is a catalog message (errors.settings.*), so
 * each section shows it in the window's language, and a language switch re-words it on screen.
 */

const place = 'settings';
const PROBLEMS: OptionProblem[] = [
  {
    field: 'temperature',
    message: 'Temperature: the saved value is not valid, so the default is used. Fix it in Settings.',
    messageId: 'errors.settings.valueInvalid',
    values: { field: 'temperature', place },
  },
  {
    field: 'spending',
    message:
      'Spending limits: the saved value is not valid, so the default is used. Fix it in Settings → Spending.',
    messageId: 'errors.settings.valueInvalid',
    values: { field: 'spending', place },
  },
  {
    field: 'providerDefaults',
    message: 'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.',
    messageId: 'errors.settings.providers.unknown',
    values: { slug: 'acme', place },
  },
  {
    field: 'stickyProvider',
    message:
      'Keep a conversation on one provider: the saved value is not valid, so the default is used. Fix it in Settings → Providers.',
    messageId: 'errors.settings.valueInvalid',
    values: { field: 'stickyProvider', place },
  },
  {
    field: 'reasoningByModel',
    message:
      'Reasoning for “openai/o3”: both an effort and a token budget are set, and OpenRouter accepts only one. Choose one. Fix it in Settings → Reasoning.',
    messageId: 'errors.settings.reasoning.bothSet',
    values: { scope: 'model', model: 'openai/o3', place },
  },
  {
    field: 'webSearch',
    message:
      'Web search: results per search must be a whole number from 1 to 25. Fix it in Settings → Web search.',
    messageId: 'errors.settings.webSearch.badMaxResults',
    values: { place },
  },
];

async function openSettings() {
  const view = renderApp({ settingsProblems: PROBLEMS });
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { ...view, dialog };
}

const textOf = (dialog: HTMLElement) => dialog.textContent ?? '';

describe('stored settings problems in the interface language', () => {
  it('English: every section shows main’s English words, unchanged', async () => {
    const { dialog } = await openSettings();
    for (const problem of PROBLEMS) expect(textOf(dialog)).toContain(problem.message);
  });

  it('German: a language switch re-words the problems already on screen', async () => {
    const { dialog, fake } = await openSettings();
    fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false });
    const german = await screen.findByRole('dialog', { name: 'Einstellungen' });
    expect(german).toBe(dialog);
    const shown = textOf(german);
    for (const text of [
      // The top list (fields without a section of their own).
      'Temperatur: Der gespeicherte Wert ist ungültig, daher gilt der Standardwert. Beheben Sie das unter Einstellungen.',
      // Settings → Spending.
      'Ausgabenlimits: Der gespeicherte Wert ist ungültig, daher gilt der Standardwert. Beheben Sie das unter Einstellungen → Ausgaben.',
      // Settings → Providers: the routing, and "keep a conversation on one provider".
      'Anbieter: „acme“ ist kein Anbieter, den OpenRouter kennt. Beheben Sie das unter Einstellungen → Anbieter.',
      'Jede Unterhaltung bei einem Anbieter halten: Der gespeicherte Wert ist ungültig',
      // Settings → Reasoning.
      'Reasoning für „openai/o3“: Es sind sowohl ein Aufwand als auch ein Token-Budget festgelegt',
      // Settings → Web search.
      'Websuche: Die Ergebnisse pro Suche müssen eine ganze Zahl von 1 bis 25 sein. Beheben Sie das unter Einstellungen → Websuche.',
    ])
      expect(shown).toContain(text);
    for (const problem of PROBLEMS) expect(shown).not.toContain(problem.message);
    const spending = within(german).getByRole('region', { name: 'Ausgaben' });
    expect(within(spending).getByRole('alert').textContent).toContain('Ausgabenlimits:');
  });

  it('a problem without a message id (an older main) still shows its English words', async () => {
    const view = renderApp({ settingsProblems: [{ field: 'theme', message: 'Theme: not valid.' }] });
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    view.fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false });
    await screen.findByRole('dialog', { name: 'Einstellungen' });
    expect(textOf(dialog)).toContain('Theme: not valid.');
  });
});
