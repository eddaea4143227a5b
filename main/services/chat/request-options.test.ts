import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import type { OptionProblem } from '../../../common/option-problems';
import {
  type ConversationOptions,
  DEFAULT_CONVERSATION_OPTIONS,
  type ModelReasoning,
} from '../../../common/request-options';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { checkProviderPreferences } from '../settings/option-checks';
import { type RequestOptionsInput, resolveRequestOptions } from './request-options';

const REASONING: ModelReasoning = {
  supportedEfforts: ['high', 'medium', 'low'],
  defaultEffort: 'medium',
  defaultEnabled: true,
  mandatory: false,
  supportsMaxTokens: true,
};

function model(reasoning: Partial<ModelReasoning> | null): ModelSummary {
  return {
    id: 'openai/o3',
    name: 'o3',
    contextLength: 200_000,
    promptPricePerMTok: 2,
    completionPricePerMTok: 8,
    inputModalities: ['text'],
    outputModalities: ['text'],
    supportedParameters: reasoning ? ['reasoning', 'max_tokens'] : ['max_tokens'],
    isFree: false,
    ...(reasoning ? { reasoning: { ...REASONING, ...reasoning } } : {}),
  };
}

function input(
  over: {
    settings?: Partial<Settings>;
    conversation?: Partial<ConversationOptions>;
    model?: ModelSummary | null;
    webSearch?: boolean;
    knownProviders?: ReadonlySet<string> | null;
    storedProblems?: OptionProblem[];
  } = {},
) {
  const log = createMemoryLogger();
  let modelAsked = 0;
  const value: RequestOptionsInput = {
    conversationId: 'conv1',
    model: 'openai/o3',
    webSearch: over.webSearch ?? false,
    settings: { ...DEFAULT_SETTINGS, ...over.settings },
    conversation: { ...DEFAULT_CONVERSATION_OPTIONS, ...over.conversation },
    storedProblems: over.storedProblems ?? [],
    modelInfo: async () => {
      modelAsked++;
      return over.model === undefined ? model({}) : over.model;
    },
    knownProviders: over.knownProviders ?? null,
    log,
  };
  return { value, log, modelAsked: () => modelAsked };
}

/** The AppFailure `pending` rejects with; resolving, or any other rejection, fails the test. */
async function thrownBy(pending: Promise<unknown>): Promise<AppFailure> {
  const outcome = await pending.then(
    () => new Error('expected an AppFailure'),
    (error: unknown) => error,
  );
  if (outcome instanceof AppFailure) return outcome;
  throw outcome;
}

describe('request options', () => {
  it('with no choice anywhere: nothing at all (and the model list is not even read)', async () => {
    const { value, modelAsked } = input();
    expect(await resolveRequestOptions(value)).toEqual({});
    expect(modelAsked()).toBe(0);
  });

  describe('reasoning', () => {
    it("the conversation's choice wins over Settings' choice for the model", async () => {
      const { value } = input({
        conversation: { reasoning: { kind: 'effort', effort: 'high' } },
        settings: { reasoningByModel: { 'openai/o3': { kind: 'effort', effort: 'low' } } },
      });
      expect(await resolveRequestOptions(value)).toEqual({ reasoning: { kind: 'effort', effort: 'high' } });
    });

    it("Settings' choice for this model applies when the conversation has none; another model's does not", async () => {
      const { value } = input({
        settings: { reasoningByModel: { 'openai/o3': { kind: 'budget', maxTokens: 4000 } } },
      });
      expect(await resolveRequestOptions(value)).toEqual({ reasoning: { kind: 'budget', maxTokens: 4000 } });
      const other = input({ settings: { reasoningByModel: { 'openai/o4': { kind: 'off' } } } });
      expect(await resolveRequestOptions(other.value)).toEqual({});
    });

    it('an effort the model does not list is not sent, with a log line', async () => {
      const { value, log } = input({ conversation: { reasoning: { kind: 'effort', effort: 'minimal' } } });
      expect(await resolveRequestOptions(value)).toEqual({});
      expect(log.lines.join('\n')).toContain('reasoning choice not sent');
    });

    it('Off only where reasoning is not mandatory', async () => {
      const off = { conversation: { reasoning: { kind: 'off' as const } } };
      expect(await resolveRequestOptions(input({ ...off, model: model({}) }).value)).toEqual({
        reasoning: { kind: 'off' },
      });
      expect(await resolveRequestOptions(input({ ...off, model: model({ mandatory: true }) }).value)).toEqual(
        {},
      );
    });

    it('a token budget only where the model takes one', async () => {
      const budget = { conversation: { reasoning: { kind: 'budget' as const, maxTokens: 2048 } } };
      expect(
        await resolveRequestOptions(input({ ...budget, model: model({ supportsMaxTokens: false }) }).value),
      ).toEqual({});
    });

    it('nothing for a model without reasoning, or one missing from the model list', async () => {
      const high = { conversation: { reasoning: { kind: 'effort' as const, effort: 'high' as const } } };
      expect(await resolveRequestOptions(input({ ...high, model: model(null) }).value)).toEqual({});
      expect(await resolveRequestOptions(input({ ...high, model: null }).value)).toEqual({});
    });
  });

  describe('provider', () => {
    it("the conversation's routing wins over Settings' default, which applies otherwise", async () => {
      const settings = { providerDefaults: { only: ['anthropic'] } };
      expect(await resolveRequestOptions(input({ settings }).value)).toEqual({
        provider: { only: ['anthropic'] },
      });
      expect(
        await resolveRequestOptions(
          input({ settings, conversation: { provider: { dataCollection: 'deny', zdr: true } } }).value,
        ),
      ).toEqual({ provider: { dataCollection: 'deny', zdr: true } });
    });

    it('routing that names a provider OpenRouter does not know stops the send (when the list is known)', async () => {
      // Fails closed: going out without the routing would also drop its privacy rules.
      const settings = {
        providerDefaults: { order: ['anthropic', 'acme'], dataCollection: 'deny' as const },
      };
      await expect(
        resolveRequestOptions(input({ settings, knownProviders: new Set(['anthropic']) }).value),
      ).rejects.toMatchObject({
        error: {
          code: 'validation',
          message: expect.stringMatching(/^Nothing was sent: .*acme.*Settings → Providers/),
        },
      });
      expect(
        await resolveRequestOptions(
          input({ settings, knownProviders: new Set(['anthropic', 'acme']) }).value,
        ),
      ).toEqual({ provider: { order: ['anthropic', 'acme'], dataCollection: 'deny' } });
    });

    it('a stored routing that could not be read stops the send, with its problem; a conversation routing overrides a broken default', async () => {
      const problem = {
        field: 'providerDefaults',
        message: 'Providers: “Anthropic ” is not a provider slug.',
      };
      await expect(resolveRequestOptions(input({ storedProblems: [problem] }).value)).rejects.toMatchObject({
        error: {
          code: 'validation',
          message: expect.stringContaining('“Anthropic ” is not a provider slug'),
        },
      });
      expect(
        await resolveRequestOptions(
          input({ storedProblems: [problem], conversation: { provider: { zdr: true } } }).value,
        ),
      ).toEqual({ provider: { zdr: true } });
      const own = { field: 'provider', message: 'Providers: a maximum price cannot be negative.' };
      await expect(resolveRequestOptions(input({ storedProblems: [own] }).value)).rejects.toMatchObject({
        error: { code: 'validation' },
      });
      // Problems elsewhere (a reasoning choice) do not stop the send.
      const other = { field: 'reasoning', message: 'Reasoning: not valid.' };
      expect(await resolveRequestOptions(input({ storedProblems: [other] }).value)).toEqual({});
    });

    it('the refusal carries the problem as its own catalog message (id and values), not its English text', async () => {
      // Each window words the problem in its language inside the refusal's sentence (issue 20):
      // an English sentence as a plain value would stay English in a German window.
      const checked = checkProviderPreferences(
        { order: ['Anthropic '] },
        { field: 'providerDefaults', place: 'settings' },
      );
      if (checked.ok) throw new Error('expected a problem');
      const [stored] = checked.problems;
      const unreadable = await thrownBy(
        resolveRequestOptions(input({ storedProblems: checked.problems }).value),
      );
      expect(unreadable.error).toMatchObject({
        code: 'validation',
        messageId: 'errors.chat.routingUnusable',
        values: { problem: { messageId: stored?.messageId, values: stored?.values } },
      });
      expect(unreadable.error.message).toContain(stored?.message);

      const settings = { providerDefaults: { order: ['acme'] } };
      const unknown = await thrownBy(
        resolveRequestOptions(input({ settings, knownProviders: new Set(['anthropic']) }).value),
      );
      expect(unknown.error.values).toEqual({
        problem: {
          messageId: 'errors.settings.providers.unknown',
          values: { slug: 'acme', place: 'settings' },
        },
      });
      expect(unknown.error.message).toBe(
        'Nothing was sent: your provider routing cannot be used as set. ' +
          'Providers: “acme” is not a provider OpenRouter knows. Fix it in Settings → Providers.',
      );
      // Nothing English rides along as a plain value.
      for (const error of [unreadable.error, unknown.error])
        expect(Object.values(error.values ?? {}).filter((v) => typeof v === 'string')).toEqual([]);
    });
  });

  it("fallback models: the conversation's list", async () => {
    const { value } = input({
      conversation: { fallbackModels: ['anthropic/claude-sonnet-4', '@preset/work'] },
    });
    expect(await resolveRequestOptions(value)).toEqual({
      fallbackModels: ['anthropic/claude-sonnet-4', '@preset/work'],
    });
  });

  it('session id: the conversation id, only with "keep a conversation on one provider"', async () => {
    expect(await resolveRequestOptions(input({ settings: { stickyProvider: true } }).value)).toEqual({
      sessionId: 'conv1',
    });
  });

  describe('web search', () => {
    const webSearch = { engine: 'exa' as const, maxResults: 3 };
    it("this request's toggle sends Settings' search settings", async () => {
      expect(await resolveRequestOptions(input({ webSearch: true, settings: { webSearch } }).value)).toEqual({
        webSearch,
      });
    });
    it("the conversation's explicit 'always' sends it without the toggle", async () => {
      expect(
        await resolveRequestOptions(
          input({ conversation: { webSearchAlways: true }, settings: { webSearch } }).value,
        ),
      ).toEqual({ webSearch });
    });
    it('never by itself: Settings holding search settings sends nothing', async () => {
      expect(await resolveRequestOptions(input({ settings: { webSearch } }).value)).toEqual({});
    });
  });
});
