import { describe, expect, it } from 'vitest';
import {
  checkFallbackModels,
  checkProviderPreferences,
  checkReasoningChoice,
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
