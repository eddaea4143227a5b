import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../common/i18n/catalogs';
import { type AppLocale, formattingLocale, PSEUDO_LOCALE } from '../../../common/i18n/locales';
import { makeModel } from '../testing/fixtures';
import { kindLabel } from './attachments';
import { describeBackend, describeKeySource } from './key-storage';
import {
  formatContextLength,
  formatKnowledgeCutoff,
  formatModelPrice,
  modelPriceRows,
} from './model-details';
import { describeChoice, effortLabel, reasoningOffer } from './reasoning-choice';
import { describeEstimate, describeSpendingLimit } from './spending';
import { formatTokens } from './tokens';
import { byokNote, usageDetails } from './usage';
import { webSearchCostNote } from './web-search-cost';

/** What a component's `useIntl()` gives in that language (the provider formats en-XA as English). */
function intlIn(locale: AppLocale | typeof PSEUDO_LOCALE): IntlShape {
  return createIntl({ locale: formattingLocale(locale), messages: messagesFor(locale) }, createIntlCache());
}

/** Intl's narrow no-break spaces (fr, de currency) as plain spaces, so expectations stay readable. */
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('format helpers in the interface language (issue 20)', () => {
  it('speak German, with German numbers and dollars', () => {
    const de = intlIn('de');
    expect(kindLabel('text', de)).toBe('Textdatei');
    expect(describeKeySource('clipboard', de)).toBe('Aus der Zwischenablage eingefügt');
    expect(describeBackend('kwallet6', de)).toBe('der Schlüsselbund Ihres Desktops (KWallet)');
    expect(formatContextLength(1_500_000, de)).toBe('1,5 Mio. Kontext');
    expect(plain(formatModelPrice(makeModel({ id: 'a', name: 'A' }), de))).toBe(
      '3,00 $ / 15,00 $ pro 1 Mio. Tokens',
    );
    expect(describeChoice({ kind: 'budget', maxTokens: 4096 }, de)).toBe('Budget von 4.096 Tokens');
    expect(
      plain(describeEstimate({ promptTokens: 1, lowUsd: 0.5, highUsd: 1.25, unknownPrice: false }, de)),
    ).toBe('Schätzung: 0,50 $–1,25 $');
    expect(formatTokens({ promptTokens: 1234, completionTokens: 5 }, de)).toBe(
      'Tokens: 1.234 Prompt / 5 Antwort',
    );
  });

  it('speak Japanese and French, plurals included', () => {
    const ja = intlIn('ja');
    expect(effortLabel('high', ja)).toBe('高');
    expect(reasoningOffer(undefined, ja)).toEqual({
      ok: false,
      reason: 'モデル一覧が読み込まれると、推論のオプションが表示されます。',
    });
    expect(formatKnowledgeCutoff('2023-10-01', ja)).toBe('2023年10月1日');
    const fr = intlIn('fr');
    expect(
      usageDetails(
        { promptTokens: 1, completionTokens: 1, reasoningTokens: 1, webSearchRequests: 2 },
        undefined,
        fr,
      ),
    ).toEqual(['Jetons : 1 de prompt / 1 de réponse', '1 jeton de raisonnement', '2 recherches web']);
    expect(modelPriceRows(makeModel({ id: 'a', name: 'A', isFree: true }), fr)).toEqual([
      { label: 'Prix', value: 'Gratuit' },
    ]);
  });

  it('say when a spending limit resets in the reader’s own date format', () => {
    const text = describeSpendingLimit(
      {
        code: 'spending_limit_reached',
        message: 'x',
        spendingLimit: { period: 'monthly', limitUsd: 5, spentUsd: 5.5, resetsAt: '2026-07-01T00:00:00' },
      },
      intlIn('fr'),
    );
    expect(plain(text)).toBe(
      'Votre limite de dépenses mensuelle de 5,00 $US est atteinte : 5,50 $US dépensés ce mois-ci. Elle sera réinitialisée le 1 juil. 2026, 00:00.',
    );
  });

  it('come from the catalogs, so the pseudo-locale marks every one', () => {
    const xa = intlIn(PSEUDO_LOCALE);
    const model = makeModel({ id: 'a', name: 'A', isFree: true });
    for (const text of [
      kindLabel('image', xa),
      formatModelPrice(model, xa),
      webSearchCostNote(model, { engine: 'exa', maxResults: 3 }, xa),
      byokNote({ promptTokens: 1, completionTokens: 1, isByok: true, upstreamCost: 0.01 }, xa),
    ])
      expect(text).toContain('⟦');
  });
});
