import { createValueStore } from './value-store';

/** A reply being streamed, keyed by the stream id the renderer chose. */
export interface ActiveStream {
  streamId: string;
  conversationId: string;
}

/**
 * Which streams are running. Changes only when a stream starts or ends, never per batch, so the
 * composer (Send/Stop) and the message actions can follow it cheaply.
 */
export function createStreamsStore() {
  const store = createValueStore<readonly ActiveStream[]>([]);
  return {
    subscribe: store.subscribe,
    get: store.get,
    start(stream: ActiveStream) {
      store.update((list) => [...list.filter((s) => s.streamId !== stream.streamId), stream]);
    },
    end(streamId: string) {
      if (!store.get().some((s) => s.streamId === streamId)) return;
      store.update((list) => list.filter((s) => s.streamId !== streamId));
    },
    isKnown(streamId: string): boolean {
      return store.get().some((s) => s.streamId === streamId);
    },
    forConversation(conversationId: string | null): ActiveStream | null {
      if (conversationId === null) return null;
      return store.get().find((s) => s.conversationId === conversationId) ?? null;
    },
  };
}

export type StreamsStore = ReturnType<typeof createStreamsStore>;
