import type { ModelSummary } from '../../../common/chat-types';
import { appError } from '../../../common/errors';
import { isErrorMessageId } from '../../../common/i18n/error-messages';
import type { OptionProblem } from '../../../common/option-problems';
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
  /**
   * What was wrong in the stored options (Settings' `problems`, and the conversation's): a bad stored
   * provider routing stops the send rather than going out without it (see resolveProvider).
   */
  storedProblems: readonly OptionProblem[];
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

/**
 * The conversation's routing, else Settings' default. Routing is the person's privacy and cost rule
 * (refuse providers that train on data, zero data retention, a maximum price), so it fails closed: a
 * stored routing that could not be read, or one naming a provider OpenRouter does not know, stops the
 * send with the reason, instead of going out without the rule (and with it, perhaps, the data-policy
 * refusal next to the typo).
 */
function resolveProvider(input: RequestOptionsInput): ProviderPreferences | null {
  const broken = input.storedProblems.find(
    (p) => p.field === 'provider' || (p.field === 'providerDefaults' && input.conversation.provider === null),
  );
  if (broken) throw refusal(broken);
  const provider = input.conversation.provider ?? input.settings.providerDefaults;
  if (!provider) return null;
  if (input.knownProviders) {
    const where =
      input.conversation.provider !== null
        ? ({ field: 'provider', place: 'conversation' } as const)
        : ({ field: 'providerDefaults', place: 'settings' } as const);
    const [unknown] = unknownProviderProblems(provider, input.knownProviders, where);
    if (unknown) throw refusal(unknown);
  }
  return provider;
}

/**
 * "Nothing was sent", with the problem as a catalog message of its own (its id and values, issue 20):
 * each window words it in its language inside the refusal, where its English `message` would stay
 * English. Every problem main makes has one (option-checks.ts `optionProblem`); one without (a shape
 * from before issue 20) can only give its English text.
 */
function refusal(problem: OptionProblem) {
  const id = problem.messageId;
  const nested =
    id !== undefined && isErrorMessageId(id)
      ? { messageId: id, ...(problem.values !== undefined ? { values: { ...problem.values } } : {}) }
      : problem.message;
  return appError('validation', { id: 'errors.chat.routingUnusable', values: { problem: nested } });
}

/** The resolver the chat service calls per request, wired to the services it reads. */
export function createRequestOptionsResolver(deps: {
  settings: () => Settings;
  /** What was wrong in the stored settings file (SettingsStore.problems). */
  settingsProblems: () => readonly OptionProblem[];
  conversationOptions: (
    conversationId: string,
  ) => Promise<{ options: ConversationOptions; problems: readonly OptionProblem[] }>;
  /** The model list (the cached one; a refresh only when it has expired). */
  listModels: () => Promise<{ models: readonly ModelSummary[] }>;
  knownProviders: () => ReadonlySet<string> | null;
  log: Logger;
}) {
  return async (request: { conversationId: string; model: string; webSearch: boolean }) => {
    const conversation = await deps.conversationOptions(request.conversationId);
    return resolveRequestOptions({
      ...request,
      settings: deps.settings(),
      conversation: conversation.options,
      storedProblems: [...deps.settingsProblems(), ...conversation.problems],
      modelInfo: async () => {
        const list = await deps.listModels().catch(() => null);
        return list?.models.find((m) => m.id === request.model) ?? null;
      },
      knownProviders: deps.knownProviders(),
      log: deps.log,
    });
  };
}

export type RequestOptionsResolver = ReturnType<typeof createRequestOptionsResolver>;
