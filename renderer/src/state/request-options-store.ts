import type { ProviderInfo } from '../../../common/endpoints-types';
import type { OptionProblem } from '../../../common/option-problems';
import type { ConversationOptions } from '../../../common/request-options';
import { createValueStore } from './value-store';

/** A conversation's options as main reports them, with what was wrong in its stored copy. */
export type ConversationOptionsResult = ConversationOptions & { problems: readonly OptionProblem[] };

export interface RequestOptionsState {
  /** Each opened conversation's options as main last reported them (with stored problems). */
  byConversation: Readonly<Record<string, ConversationOptionsResult>>;
  /** Choices made before a new chat exists; given to it when the first message creates it. */
  pending: Partial<ConversationOptions>;
  /** Models the account's privacy/provider settings allow (`/models/user`); null when unknown. */
  accountModelIds: readonly string[] | null;
  /** OpenRouter's providers, to pick from; empty until loaded. */
  providers: readonly ProviderInfo[];
}

/** What the person chose about requests beyond their messages (issue 15), as main keeps it. */
export function createRequestOptionsStore() {
  const store = createValueStore<RequestOptionsState>({
    byConversation: {},
    pending: {},
    accountModelIds: null,
    providers: [],
  });
  return {
    subscribe: store.subscribe,
    get: store.get,
    received(conversationId: string, options: ConversationOptionsResult) {
      store.update((s) => ({ ...s, byConversation: { ...s.byConversation, [conversationId]: options } }));
    },
    setPending(patch: Partial<ConversationOptions>) {
      store.update((s) => ({ ...s, pending: { ...s.pending, ...patch } }));
    },
    clearPending() {
      store.update((s) => ({ ...s, pending: {} }));
    },
    accountModelIdsReceived(modelIds: readonly string[] | null) {
      store.update((s) => ({ ...s, accountModelIds: modelIds }));
    },
    providersReceived(providers: readonly ProviderInfo[]) {
      store.update((s) => ({ ...s, providers }));
    },
  };
}

export type RequestOptionsStore = ReturnType<typeof createRequestOptionsStore>;
