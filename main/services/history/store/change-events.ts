import type { Message } from '../../../../common/conversation-types';
import type { ConversationFile } from './conversation-file';

/**
 * What a change to the history did, told by the store to whatever follows it (today the search
 * index). Every write of a conversation file goes through `persistDoc`, which requires the changes it
 * makes and emits them once the file is on disk; a conversation leaving the list (`dropEntry`) emits
 * `conversation-removed`. So a new write path cannot leave a follower stale by forgetting to call it.
 *
 * Emitted synchronously inside the conversation's queue, right after the write: a follower that reads
 * a conversation inside the same queue (the search build) sees each change exactly once.
 * Documents and messages are the store's own objects: read them during the call, never keep or change
 * them.
 */
export type HistoryChange =
  /** A new conversation was written (create, import) or one came back from the trash (restore). */
  | {
      kind: 'conversation-created' | 'conversation-imported' | 'conversation-restored';
      doc: ConversationFile;
    }
  | { kind: 'conversation-renamed'; conversationId: string; title: string }
  /** Gone from the list: deleted by the person, or its file was quarantined or found missing. */
  | { kind: 'conversation-removed'; conversationId: string; reason: 'deleted' | 'quarantined' | 'missing' }
  /** New messages at the end (a user message, or a reply starting to stream: status `streaming`). */
  | { kind: 'messages-appended'; conversationId: string; messages: readonly Message[] }
  /** A reply finished (or finished again): its final state replaces what was there. */
  | { kind: 'message-replaced'; conversationId: string; message: Message }
  /** Another branch is shown (switchBranch): every message stays indexed, nothing to do for search. */
  | { kind: 'active-branch-changed'; conversationId: string; activeLeafId: string }
  /** The conversation's request options changed (nothing searchable). */
  | { kind: 'conversation-options-changed'; conversationId: string }
  /** The text of a reply still streaming was checkpointed. */
  | { kind: 'reply-checkpointed'; conversationId: string; messageId: string };

export type HistoryChangeListener = (change: HistoryChange) => void;

export interface ChangeFeed {
  /** Returns the function that unsubscribes. */
  subscribe(listener: HistoryChangeListener): () => void;
  /**
   * Calls every listener in subscription order. A listener that throws fails the write that emitted
   * (after its file was written), as a failing call placed in that write path would.
   */
  emit(change: HistoryChange): void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<HistoryChangeListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change) {
      for (const listener of listeners) listener(change);
    },
  };
}
