import { describe, expect, it } from 'vitest';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { catalogIntl } from '../i18n/catalog-intl';
import {
  checkFallbackModels,
  checkProviderPreferences,
  checkReasoningChoice,
  checkWebSearch,
  unknownProviderProblems,
} from './option-checks';

const where = { field: 'fallbackModels', place: 'conversation' } as const;

describe('option checks', () => {
  it('an empty fallback list, a bad id and a repeated id are each named', () => {
    expect(checkFallbackModels([], where)).toEqual({
      ok: false,
      problems: [
        {
          field: 'fallbackModels',
          message:
            "Fallback models: the list is empty; add a model or turn fallbacks off. Fix it in this conversation's options.",
          messageId: 'errors.settings.fallbacks.empty',
          values: { place: 'conversation' },
        },
      ],
    });
    const result = checkFallbackModels(['openai/gpt-4o', 'gpt 4', 'openai/gpt-4o'], where);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      "Fallback models: “gpt 4” is not an OpenRouter model id (such as “openai/gpt-4o”). Fix it in this conversation's options.",
      "Fallback models: “openai/gpt-4o” is listed twice. Fix it in this conversation's options.",
    ]);
    expect(checkFallbackModels(['openai/gpt-4o', '@preset/work'], where)).toEqual({
      ok: true,
      value: ['openai/gpt-4o', '@preset/work'],
    });
  });

  it('a reasoning choice with an unknown effort names it', () => {
    const result = checkReasoningChoice({ kind: 'effort', effort: 'extreme' }, where);
    expect(result.ok ? '' : result.problems[0]?.message).toMatch(
      /^Reasoning: “extreme” is not a reasoning effort/,
    );
  });

  it('slugs not on OpenRouter’s provider list are named; endpoint variants are checked by provider', () => {
    const checked = checkProviderPreferences({ order: ['anthropic', 'deepinfra/fp8', 'acme'] }, where);
    if (!checked.ok) throw new Error('expected valid preferences');
    expect(
      unknownProviderProblems(checked.value, new Set(['anthropic', 'deepinfra']), {
        field: 'providerDefaults',
        place: 'settings',
      }),
    ).toEqual([
      {
        field: 'providerDefaults',
        message: 'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.',
        messageId: 'errors.settings.providers.unknown',
        values: { slug: 'acme', place: 'settings' },
      },
    ]);
  });
});

describe('the generic "saved value is not valid" problem', () => {
  const settings = (field: string) => ({ field, place: 'settings' }) as const;
  /** Each check's fallback, reached by a value no specific check names. */
  const invalid = () => [
    checkProviderPreferences({ allowFallbacks: 'yes' }, settings('providerDefaults')),
    checkProviderPreferences({ sort: 'cheapest' }, settings('providerDefaults')),
    checkProviderPreferences({ maxPrice: { promptPerMTok: 1, per: 'token' } }, settings('providerDefaults')),
    checkProviderPreferences({ maxPrice: { promptPerMTok: 200_000 } }, settings('providerDefaults')),
    checkFallbackModels('openai/gpt-4o', settings('fallbackModels')),
    checkWebSearch({ engine: 'exa', maxResults: 5, region: 'eu' }, settings('webSearch')),
    checkReasoningChoice({ kind: 'sometimes' }, settings('reasoningByModel'), 'openai/o3'),
  ];

  it('says what is wrong and where in words from the catalog, not zod’s English issue text', () => {
    const problems = invalid().flatMap((checked) => (checked.ok ? [] : checked.problems));
    expect(problems.map((p) => [p.messageId, p.values?.issue, p.values?.path])).toEqual([
      ['errors.settings.providers.invalid', 'type', 'providerDefaults.allowFallbacks'],
      ['errors.settings.providers.invalid', 'other', 'providerDefaults.sort'],
      ['errors.settings.providers.invalid', 'unknownField', 'providerDefaults.maxPrice'],
      ['errors.settings.providers.invalid', 'range', 'providerDefaults.maxPrice.promptPerMTok'],
      ['errors.settings.fallbacks.invalid', 'type', 'fallbackModels'],
      ['errors.settings.webSearch.invalid', 'unknownField', 'webSearch'],
      ['errors.settings.reasoning.invalid', 'other', 'reasoningByModel.openai/o3.kind'],
    ]);
    expect(problems[0]?.message).toBe(
      'Providers: the saved value is not valid (“providerDefaults.allowFallbacks” is the wrong kind of value). Fix it in Settings → Providers.',
    );
    for (const problem of problems) {
      // zod's own words ("Invalid input: expected …", "Unrecognized key") are nowhere in it.
      expect(problem.values).not.toHaveProperty('detail');
      expect(problem.message).not.toMatch(/Invalid|expected|Unrecognized|received|Too big/);
    }
  });

  it('reads in German without English inside', () => {
    const german = catalogIntl('de');
    const texts = invalid()
      .flatMap((checked) => (checked.ok ? [] : checked.problems))
      .map((p) => formatWithNestedMessages(german, p.messageId ?? '', p.values));
    expect(texts[0]).toBe(
      'Anbieter: Der gespeicherte Wert ist ungültig („providerDefaults.allowFallbacks“ hat den falschen Werttyp). Beheben Sie das unter Einstellungen → Anbieter.',
    );
    for (const text of texts) expect(text).not.toMatch(/Invalid|expected|Unrecognized|received|Too big/);
  });
});
