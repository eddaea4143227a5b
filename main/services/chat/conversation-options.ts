import { appError } from '../../../common/errors';
import type { ConversationOptionsResult } from '../../../common/ipc/contract';
import type { OptionProblem } from '../../../common/option-problems';
import {
  type ConversationOptions,
  ConversationOptionsSchema,
  DEFAULT_CONVERSATION_OPTIONS,
} from '../../../common/request-options';
import type { HistoryStore, StoredOptions } from '../history';
import {
  checkFallbackModels,
  checkProviderPreferences,
  checkReasoningChoice,
  type FixWhere,
  optionProblem,
  unknownProviderProblems,
} from '../settings/option-checks';

const at = (field: keyof ConversationOptions): FixWhere => ({ field, place: 'conversation' });

/**
 * A conversation's options as stored, checked field by field (issue 15): a bad value is described in
 * `problems` and replaced by its default, so it is never sent. A provider slug OpenRouter's provider
 * list does not name is a problem too, when main has that list (`known`; null offline).
 */
export function readConversationOptions(
  raw: StoredOptions,
  known: ReadonlySet<string> | null,
): { options: ConversationOptions; problems: OptionProblem[] } {
  const options: ConversationOptions = { ...DEFAULT_CONVERSATION_OPTIONS };
  const problems: OptionProblem[] = [];
  if (raw.reasoning !== undefined && raw.reasoning !== null) {
    const checked = checkReasoningChoice(raw.reasoning, at('reasoning'));
    if (checked.ok) options.reasoning = checked.value;
    else problems.push(...checked.problems);
  }
  if (raw.provider !== undefined && raw.provider !== null) {
    const checked = checkProviderPreferences(raw.provider, at('provider'));
    if (!checked.ok) problems.push(...checked.problems);
    else {
      const unknown = known ? unknownProviderProblems(checked.value, known, at('provider')) : [];
      if (unknown.length === 0) options.provider = checked.value;
      else problems.push(...unknown);
    }
  }
  if (raw.fallbackModels !== undefined && raw.fallbackModels !== null) {
    const checked = checkFallbackModels(raw.fallbackModels, at('fallbackModels'));
    if (checked.ok) options.fallbackModels = checked.value;
    else problems.push(...checked.problems);
  }
  if (raw.webSearchAlways !== undefined) {
    if (typeof raw.webSearchAlways === 'boolean') options.webSearchAlways = raw.webSearchAlways;
    else problems.push(optionProblem(at('webSearchAlways'), 'errors.settings.webSearchAlwaysInvalid'));
  }
  return { options, problems };
}

export interface ConversationOptionsDeps {
  history: Pick<HistoryStore, 'options' | 'updateOptions'>;
  /** OpenRouter's provider slugs when main has them cached; null when not (offline, not asked yet). */
  knownProviders: () => ReadonlySet<string> | null;
}

/** Reading and changing a conversation's options (the getConversationOptions / setConversationOptions calls). */
export function createConversationOptions(deps: ConversationOptionsDeps) {
  const result = (raw: StoredOptions): ConversationOptionsResult => {
    const { options, problems } = readConversationOptions(raw, deps.knownProviders());
    return { ...options, problems };
  };
  return {
    async get(conversationId: string): Promise<ConversationOptionsResult> {
      return result(await deps.history.options(conversationId));
    },
    /** The checked options for a request, with what was wrong (a broken provider routing stops the send). */
    async forRequest(
      conversationId: string,
    ): Promise<{ options: ConversationOptions; problems: OptionProblem[] }> {
      return readConversationOptions(await deps.history.options(conversationId), deps.knownProviders());
    },
    async set(
      conversationId: string,
      patch: Partial<ConversationOptions>,
    ): Promise<ConversationOptionsResult> {
      // The bridge checked the patch; checked again here because this writes the person's file.
      const parsed = ConversationOptionsSchema.partial().strict().safeParse(patch);
      if (!parsed.success) throw appError('validation', { id: 'errors.chat.optionsInvalid' });
      return result(await deps.history.updateOptions(conversationId, parsed.data));
    },
  };
}

export type ConversationOptionsService = ReturnType<typeof createConversationOptions>;
