import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../common/i18n/catalogs';
import type { DisplayLocale } from '../../../common/i18n/locales';
import { type OptionProblem, OptionProblemSchema } from '../../../common/option-problems';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { checkFallbackModels, checkReasoningChoice, checkValue } from './option-checks';
import { createSettingsStore } from './settings-store';

/**
 * Issue 20: a stored-settings problem is a catalog message (`errors.settings.*` with values), so each
 * window words it in its own language; its English `message` is exactly what the `en` catalog says.
 */

async function problemsOf(settings: Record<string, unknown>): Promise<readonly OptionProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sb-settings-i18n-'));
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ formatVersion: 1, settings }));
  const store = createSettingsStore({ dir, log: createMemoryLogger() });
  await store.init();
  return store.problems();
}

function inLocale(locale: DisplayLocale, problem: OptionProblem): string {
  if (problem.messageId === undefined) throw new Error(`no message id: ${problem.message}`);
  const intl = createIntl({
    locale,
    messages: messagesFor(locale),
    onError: (e) => {
      throw e;
    },
  });
  return intl.formatMessage({ id: problem.messageId }, problem.values);
}

describe('stored settings problems in the interface language', () => {
  it('each problem carries an errors.settings id and values that pass the bridge; English is the message', async () => {
    const problems = await problemsOf({
      temperature: 'hot',
      spending: { dailyUsd: -5 },
      providerDefaults: { only: ['Anthropic '], maxPrice: { completionPerMTok: -0.25 } },
      reasoningByModel: { 'openai/o3': { kind: 'effort', effort: 'extreme' } },
      webSearch: { engine: 'bing', maxResults: 99 },
    });
    expect(problems.length).toBeGreaterThanOrEqual(7);
    for (const problem of problems) {
      expect(OptionProblemSchema.parse(problem)).toEqual(problem);
      expect(problem.messageId).toMatch(/^errors\.settings\./);
      expect(inLocale('en', problem)).toBe(problem.message);
    }
  });

  it('German: a bad spending limit and a bad provider slug are worded in German, with the value', async () => {
    const [spending] = await problemsOf({ spending: { dailyUsd: -5 } });
    if (!spending) throw new Error('expected a problem');
    expect(spending.message).toBe(
      'Spending limits: the saved value is not valid, so the default is used. Fix it in Settings → Spending.',
    );
    expect(inLocale('de', spending)).toBe(
      'Ausgabenlimits: Der gespeicherte Wert ist ungültig, daher gilt der Standardwert. Beheben Sie das unter Einstellungen → Ausgaben.',
    );
    const [slug] = await problemsOf({ providerDefaults: { only: ['Anthropic '] } });
    if (!slug) throw new Error('expected a problem');
    expect(inLocale('de', slug)).toBe(
      'Anbieter: „Anthropic “ ist kein Anbieter-Slug (etwa „anthropic“). Beheben Sie das unter Einstellungen → Anbieter.',
    );
    expect(inLocale('ja', slug)).toContain('「Anthropic 」');
  });

  it('a conversation’s problem says where to fix it in the window’s language', () => {
    const checked = checkFallbackModels(['gpt 4'], { field: 'fallbackModels', place: 'conversation' });
    const [problem] = checked.ok ? [] : checked.problems;
    if (!problem) throw new Error('expected a problem');
    expect(problem.message).toBe(
      "Fallback models: “gpt 4” is not an OpenRouter model id (such as “openai/gpt-4o”). Fix it in this conversation's options.",
    );
    expect(inLocale('fr', problem)).toBe(
      'Modèles de repli : « gpt 4 » n’est pas un identifiant de modèle OpenRouter (par exemple « openai/gpt-4o »). Corrigez-le dans les options de cette conversation.',
    );
    const reasoning = checkReasoningChoice(
      { kind: 'effort', effort: 'high', maxTokens: 5 },
      {
        field: 'reasoning',
        place: 'conversation',
      },
    );
    expect(reasoning.ok ? '' : reasoning.problems[0]?.message).toBe(
      "Reasoning: both an effort and a token budget are set, and OpenRouter accepts only one. Choose one. Fix it in this conversation's options.",
    );
  });

  it('every Settings field is named by the catalog (none falls to the generic “A setting”)', () => {
    for (const field of Object.keys(DEFAULT_SETTINGS)) {
      const checked = checkValue({ safeParse: () => ({ success: false }) } as never, 1, {
        field,
        place: 'settings',
      });
      const [problem] = checked.ok ? [] : checked.problems;
      expect(problem?.message, field).not.toMatch(/^A setting/);
    }
  });

  it('a pathological stored value is shortened, so the settings still cross the bridge', async () => {
    const [problem] = await problemsOf({ providerDefaults: { only: ['x'.repeat(5000)] } });
    if (!problem) throw new Error('expected a problem');
    expect(() => OptionProblemSchema.parse(problem)).not.toThrow();
    expect(problem.message.length).toBeLessThan(1000);
  });
});
