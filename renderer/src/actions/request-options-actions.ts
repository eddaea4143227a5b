import type { ModelEndpoint } from '../../../common/endpoints-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ConversationOptionsResult } from '../../../common/ipc/contract';
import type { Result } from '../../../common/ipc/define';
import type { ConversationOptions } from '../../../common/request-options';
import type { RequestOptionsStore } from '../state/request-options-store';

export interface RequestOptionsActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    | 'getConversationOptions'
    | 'setConversationOptions'
    | 'listModelEndpoints'
    | 'listAccountModelIds'
    | 'listProviders'
  >;
  requestOptions: RequestOptionsStore;
}

/** A conversation's own choices (reasoning, providers, fallbacks, web search) and what they pick from. */
export function createRequestOptionsActions(deps: RequestOptionsActionsDeps) {
  const { bridge, requestOptions } = deps;

  const save = async (
    conversationId: string,
    options: Partial<ConversationOptions>,
  ): Promise<Result<ConversationOptionsResult>> => {
    const result = await bridge.setConversationOptions({ conversationId, options });
    if (result.ok) requestOptions.received(conversationId, result.value);
    return result;
  };

  return {
    async load(conversationId: string): Promise<void> {
      const result = await bridge.getConversationOptions({ conversationId });
      if (result.ok) requestOptions.received(conversationId, result.value);
    },

    /**
     * Changes some options of a conversation, or, before a new chat exists (null), keeps them for it
     * until its first message creates it.
     */
    async change(
      conversationId: string | null,
      options: Partial<ConversationOptions>,
    ): Promise<Result<unknown>> {
      if (conversationId === null) {
        requestOptions.setPending(options);
        return { ok: true, value: null };
      }
      return save(conversationId, options);
    },

    /** Appends a fallback model (chosen in the picker) to a conversation's list, once. */
    async addFallback(conversationId: string | null, modelId: string): Promise<Result<unknown>> {
      const state = requestOptions.get();
      const current =
        (conversationId === null
          ? state.pending.fallbackModels
          : state.byConversation[conversationId]?.fallbackModels) ?? [];
      if (current.includes(modelId)) return { ok: true, value: null };
      return this.change(conversationId, { fallbackModels: [...current, modelId] });
    },

    /** Gives a just-created conversation the choices made before it existed. */
    async applyPending(conversationId: string): Promise<Result<unknown>> {
      const { pending } = requestOptions.get();
      if (Object.keys(pending).length === 0) return { ok: true, value: null };
      const result = await save(conversationId, pending);
      if (result.ok) requestOptions.clearPending();
      return result;
    },

    async loadAccountModelIds(): Promise<void> {
      const result = await bridge.listAccountModelIds();
      // Quiet when the key may not ask: nothing is said before sending then.
      requestOptions.accountModelIdsReceived(result.ok ? result.value.modelIds : null);
    },

    async loadProviders(): Promise<void> {
      const result = await bridge.listProviders();
      if (result.ok) requestOptions.providersReceived(result.value.providers);
    },

    async listEndpoints(modelId: string): Promise<Result<readonly ModelEndpoint[]>> {
      const result = await bridge.listModelEndpoints({ modelId });
      return result.ok ? { ok: true, value: result.value.endpoints } : result;
    },
  };
}

export type RequestOptionsActions = ReturnType<typeof createRequestOptionsActions>;
