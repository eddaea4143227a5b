import type { ModelSummary } from '../../../common/chat-types';
import type {
  ConversationOptions,
  ProviderPreferences,
  ReasoningChoice,
  RequestOptions,
} from '../../../common/request-options';
import type { Settings } from '../../../common/settings-types';
import type { Logger } from '../log/logger';
import { unknownProviderProblems } from '../settings/option-checks';

/**
 * What one request asks of OpenRouter beyond its messages (issue 15), resolved from the conversation's
 * options, Settings and the composer. With no choice made anywhere the result is `{}`, so the request
 * is exactly what it was before these options existed.
 */
export interface RequestOptionsInput {
  conversationId: string;
  model: string;
  /** The composer's "Web search" toggle: on for this one request. */
  webSearch: boolean;
  settings: Settings;
  /** The conversation's options, already checked (bad stored values are defaults here). */
  conversation: ConversationOptions;
  /** The model's metadata from the models cache; null when it is not known. Only read for reasoning. */
  modelInfo: () => Promise<ModelSummary | null>;
  /** OpenRouter's provider slugs when main has the list; null when not (then slugs are not checked). */
  knownProviders: ReadonlySet<string> | null;
  log: Logger;
}

export async function resolveRequestOptions(input: RequestOptionsInput): Promise<RequestOptions> {
  const options: RequestOptions = {};
  const reasoning = await resolveReasoning(input);
  if (reasoning) options.reasoning = reasoning;
  const provider = resolveProvider(input);
  if (provider) options.provider = provider;
  if (input.conversation.fallbackModels) options.fallbackModels = [...input.conversation.fallbackModels];
  // A stable id per conversation, only when the person asked to keep conversations on one provider.
  if (input.settings.stickyProvider) options.sessionId = input.conversationId;
  // Never on by default: the composer's toggle for this message, or the conversation's explicit choice.
  if (input.webSearch || input.conversation.webSearchAlways)
    options.webSearch = { ...input.settings.webSearch };
  return options;
}

/**
 * The conversation's choice, else Settings' choice for this model, else none — and only in a form the
 * model takes (its metadata says so). The window offers only those forms; anything else (a model that
 * changed, a preset, a stale choice) is not sent, with a log line, rather than risk a 400.
 */
async function resolveReasoning(input: RequestOptionsInput): Promise<ReasoningChoice | null> {
  const choice = input.conversation.reasoning ?? input.settings.reasoningByModel[input.model] ?? null;
  if (!choice) return null;
  const model = await input.modelInfo();
  const reasoning = model?.supportedParameters.includes('reasoning') ? model.reasoning : undefined;
  const refuse = (why: string) => {
    input.log.info('reasoning choice not sent', { model: input.model, choice: choice.kind, why });
    return null;
  };
  if (!model) return refuse('the model is not in the model list');
  if (!reasoning) return refuse('the model does not take reasoning');
  switch (choice.kind) {
    case 'off':
      return reasoning.mandatory ? refuse('reasoning is mandatory for this model') : choice;
    case 'budget':
      return reasoning.supportsMaxTokens ? choice : refuse('the model takes no token budget');
    case 'effort':
      return reasoning.supportedEfforts.includes(choice.effort)
        ? choice
        : refuse(`the model does not list effort ${choice.effort}`);
  }
}

/** The conversation's routing, else Settings' default; not sent when it names a provider OpenRouter does not know. */
function resolveProvider(input: RequestOptionsInput): ProviderPreferences | null {
  const provider = input.conversation.provider ?? input.settings.providerDefaults;
  if (!provider) return null;
  if (input.knownProviders) {
    const unknown = unknownProviderProblems(provider, input.knownProviders, { field: 'provider', fix: '' });
    if (unknown.length > 0) {
      input.log.info('provider routing not sent: it names a provider OpenRouter does not know', {
        unknown: unknown.length,
      });
      return null;
    }
  }
  return provider;
}

/** The resolver the chat service calls per request, wired to the services it reads. */
export function createRequestOptionsResolver(deps: {
  settings: () => Settings;
  conversationOptions: (conversationId: string) => Promise<ConversationOptions>;
  /** The model list (the cached one; a refresh only when it has expired). */
  listModels: () => Promise<{ models: readonly ModelSummary[] }>;
  knownProviders: () => ReadonlySet<string> | null;
  log: Logger;
}) {
  return async (request: { conversationId: string; model: string; webSearch: boolean }) =>
    resolveRequestOptions({
      ...request,
      settings: deps.settings(),
      conversation: await deps.conversationOptions(request.conversationId),
      modelInfo: async () => {
        const list = await deps.listModels().catch(() => null);
        return list?.models.find((m) => m.id === request.model) ?? null;
      },
      knownProviders: deps.knownProviders(),
      log: deps.log,
    });
}

export type RequestOptionsResolver = ReturnType<typeof createRequestOptionsResolver>;
