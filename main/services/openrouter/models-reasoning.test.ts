import { describe, expect, it } from 'vitest';
import { ModelListSchema } from '../../../common/chat-types';
import { parseModelsResponse } from './models';

/** One /models row with the given reasoning object and supported_parameters. */
function row(reasoning: unknown, supported = ['reasoning', 'include_reasoning', 'temperature']) {
  return { id: 'vendor/model', name: 'Model', supported_parameters: supported, reasoning };
}

function parseOne(entry: unknown) {
  const parsed = parseModelsResponse({ data: [entry] });
  expect(parsed?.skipped).toBe(0);
  return parsed?.models[0];
}

describe('ModelSummary.reasoning from /models reasoning{…}', () => {
  it('reads efforts, default effort, default enabled, mandatory and budget support', () => {
    // The reasoning object of anthropic/claude-sonnet-5 as quoted from a live /models reply in a public
    // research note (see SOURCES.md, "reasoning rows"); the shape OpenRouter documents.
    const model = parseOne(
      row({
        mandatory: false,
        default_enabled: true,
        supported_efforts: ['max', 'xhigh', 'high', 'medium', 'low'],
        default_effort: 'high',
      }),
    );
    expect(model?.reasoning).toEqual({
      supportedEfforts: ['max', 'xhigh', 'high', 'medium', 'low'],
      defaultEffort: 'high',
      defaultEnabled: true,
      mandatory: false,
      supportsMaxTokens: false,
    });
  });

  it('a budget-only model (no efforts listed) keeps supportsMaxTokens and an empty effort list', () => {
    // qwen/qwen3.8-flash as quoted in the same note: {mandatory:false, default_enabled:true, supports_max_tokens:true}.
    const model = parseOne(row({ mandatory: false, default_enabled: true, supports_max_tokens: true }));
    expect(model?.reasoning).toEqual({
      supportedEfforts: [],
      defaultEffort: null,
      defaultEnabled: true,
      mandatory: false,
      supportsMaxTokens: true,
    });
  });

  it('mandatory reasoning is kept; default_enabled absent → null', () => {
    const model = parseOne(row({ mandatory: true, supported_efforts: ['high', 'medium', 'low'] }));
    expect(model?.reasoning?.mandatory).toBe(true);
    expect(model?.reasoning?.defaultEnabled).toBeNull();
  });

  it('drops effort strings it does not know, and a default effort it does not know', () => {
    const model = parseOne(
      row({ mandatory: true, supported_efforts: ['nano', 'low', 'HIGH', 7, 'high'], default_effort: 'nano' }),
    );
    expect(model?.reasoning?.supportedEfforts).toEqual(['low', 'high']);
    expect(model?.reasoning?.defaultEffort).toBeNull();
  });

  it('has no reasoning when supported_parameters does not include reasoning', () => {
    const model = parseOne(
      row({ mandatory: false, supported_efforts: ['high'] }, ['temperature', 'max_tokens']),
    );
    expect(model?.reasoning).toBeUndefined();
    expect(model && 'reasoning' in model).toBe(false);
  });

  it('has no reasoning when the object is missing; an odd object is read leniently, never skipping the model', () => {
    expect(parseOne({ id: 'a/b', supported_parameters: ['reasoning'] })?.reasoning).toBeUndefined();
    expect(parseOne(row('yes'))?.reasoning).toBeUndefined();
    expect(parseOne(row(null))?.reasoning).toBeUndefined();
    expect(
      parseOne(
        row({
          mandatory: 'sometimes',
          supported_efforts: 'high',
          supports_max_tokens: 1,
          default_enabled: 'x',
        }),
      )?.reasoning,
    ).toEqual({
      supportedEfforts: [],
      defaultEffort: null,
      defaultEnabled: null,
      mandatory: false,
      supportsMaxTokens: false,
    });
  });

  it('an effort listed twice is kept once', () => {
    expect(
      parseOne(row({ mandatory: false, supported_efforts: ['low', 'low', 'high'] }))?.reasoning
        ?.supportedEfforts,
    ).toEqual(['low', 'high']);
  });

  it('the parsed list validates against the IPC schema, and an old cache without reasoning still does', () => {
    const parsed = parseModelsResponse({ data: [row({ mandatory: true, supported_efforts: ['high'] })] });
    const list = { models: parsed?.models, fetchedAt: '2026-01-01T00:00:00.000Z', stale: false };
    expect(ModelListSchema.safeParse(list).success).toBe(true);
    const old = {
      ...list,
      models: [
        {
          id: 'x/y',
          name: 'Y',
          contextLength: null,
          promptPricePerMTok: null,
          completionPricePerMTok: null,
          inputModalities: ['text'],
          outputModalities: ['text'],
          supportedParameters: ['reasoning'],
          isFree: false,
        },
      ],
    };
    expect(ModelListSchema.safeParse(old).success).toBe(true);
  });
});
