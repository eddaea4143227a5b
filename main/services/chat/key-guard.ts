/**
 * Refuses to send text that holds an OpenRouter key to the model, before any request and before any
 * history write (see conversation-chat.ts). Covers everything that goes upstream: the new or edited
 * message, the system prompt, and earlier messages re-sent as context — an old message may predate
 * this check, or come from an import, and regenerating would send its key again.
 *
 * What counts (key-in-message.ts): in what the person wrote (messages, the system prompt), a key main
 * knows or anything shaped like a key. In a model's reply, only a key main knows: models write example
 * keys in code samples, and one of those must not lock the person out of their conversation.
 */
import { appError } from '../../../common/errors';
import type { ErrorMessage } from '../../../common/i18n/error-messages';
import type { TranscriptEntry } from '../history';
import { KEY_PREFIX, MIN_KEY_LENGTH } from '../vault/key-format';
import { findKeyInText, type KeyFound } from './key-in-message';

/** What each refusal says (errors.chat.*): the key, where it was found, what to do. */
export const KEY_IN_MESSAGE_MESSAGES = {
  knownKey: { id: 'errors.chat.keyInMessage' },
  keyShaped: { id: 'errors.chat.keyShapedInMessage' },
  systemPrompt: { id: 'errors.chat.keyInSystemPrompt' },
  systemPromptNotSaved: { id: 'errors.chat.keyInSystemPromptNotSaved' },
  attachedFile: (name: string): ErrorMessage => ({ id: 'errors.chat.keyInAttachedFile', values: { name } }),
  earlier: { id: 'errors.chat.keyInEarlierMessage' },
} as const satisfies Record<string, ErrorMessage | ((name: string) => ErrorMessage)>;

export interface OutgoingText {
  conversationId: string;
  systemPrompt: string;
  /** The messages sent as context before the new one. */
  earlier: readonly TranscriptEntry[];
  /** The message being sent or the edited text; null when regenerating. */
  newContent: string | null;
}

/**
 * The keys a message must not hold: the current key (whatever its shape), then the registered secrets
 * that are keys (a candidate typed, pasted or exchanged this session). Other registered text — say,
 * whatever was on the clipboard when an import was refused — is left out: the logs drop it, but
 * refusing every message that quotes it would be a false alarm.
 */
export function keysToRefuse(current: string | null, registered: readonly string[]): string[] {
  const keys = registered.filter(
    (s) => s !== current && s.startsWith(KEY_PREFIX) && s.length >= MIN_KEY_LENGTH && !/\s/.test(s),
  );
  return current ? [current, ...keys] : keys;
}

/** Conversations whose verdicts are remembered; the rest are checked again when next used. */
const CONVERSATIONS_REMEMBERED = 16;

export interface KeyGuardDeps {
  /** The current key first, then keys seen this session (main only). */
  knownKeys: () => readonly string[];
}

export function createKeyGuard(deps: KeyGuardDeps) {
  // Earlier messages rarely change between two sends, and a long conversation takes tens of
  // milliseconds to scan: remember each message's verdict (for the same text and the same keys).
  type Verdict = { content: string; found: KeyFound | null };
  let verdicts = new Map<string, Map<string, Verdict>>();
  let keysSeen = '';

  const findIn = (entry: TranscriptEntry, keys: readonly string[]): KeyFound | null => {
    const found = findKeyInText(entry.content, keys);
    return entry.role === 'assistant' && found === 'key-shaped' ? null : found;
  };

  const earlierHoldsKey = (input: OutgoingText, keys: readonly string[]): boolean => {
    const previous = verdicts.get(input.conversationId);
    const next = new Map<string, Verdict>();
    let found = false;
    for (const entry of input.earlier) {
      const cached = previous?.get(entry.id);
      const verdict =
        cached && cached.content === entry.content
          ? cached
          : { content: entry.content, found: findIn(entry, keys) };
      next.set(entry.id, verdict);
      if (verdict.found) found = true;
    }
    verdicts.delete(input.conversationId);
    verdicts.set(input.conversationId, next);
    if (verdicts.size > CONVERSATIONS_REMEMBERED) {
      const oldest = verdicts.keys().next().value;
      if (oldest !== undefined) verdicts.delete(oldest);
    }
    return found;
  };

  /** The keys to look for now; verdicts found under other keys are dropped. */
  const currentKeys = (): readonly string[] => {
    const keys = deps.knownKeys();
    // Order-free: the registry reorders a key each time it is seen again, which changes nothing here.
    const joinedKeys = [...keys].sort().join('\n');
    if (joinedKeys !== keysSeen) {
      verdicts = new Map();
      keysSeen = joinedKeys;
    }
    return keys;
  };

  return {
    /** Throws `key_in_message` when anything in `input` would carry a key upstream. */
    check(input: OutgoingText): void {
      const keys = currentKeys();
      if (input.newContent !== null) {
        const found = findKeyInText(input.newContent, keys);
        if (found === 'known-key') throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.knownKey);
        if (found === 'key-shaped') throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.keyShaped);
      }
      if (input.systemPrompt && findKeyInText(input.systemPrompt, keys)) {
        throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.systemPrompt);
      }
      if (earlierHoldsKey(input, keys)) throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.earlier);
    },
    /**
     * Throws `key_in_message` when a text file attached to the new message holds a key (main's or
     * anything shaped like one: the person attached it, as they would have typed it).
     */
    checkAttachedFile(name: string, text: string): void {
      if (findKeyInText(text, currentKeys())) {
        throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.attachedFile(name));
      }
    },
    /**
     * Scans a conversation's messages ahead of the first send (when it is opened), so that send does
     * not pay for it: a 2,000-message conversation takes ~20 ms, which would land on the time to the
     * first token. Throws nothing; `check` still decides.
     */
    warm(conversationId: string, earlier: readonly TranscriptEntry[]): void {
      earlierHoldsKey({ conversationId, systemPrompt: '', earlier, newContent: null }, currentKeys());
    },
    /** Throws `key_in_message` when a system prompt about to be saved holds a key. */
    checkSystemPromptToSave(systemPrompt: string): void {
      if (systemPrompt && findKeyInText(systemPrompt, deps.knownKeys())) {
        throw appError('key_in_message', KEY_IN_MESSAGE_MESSAGES.systemPromptNotSaved);
      }
    },
    /** Drops what is remembered about a conversation (it was deleted). */
    forget(conversationId: string): void {
      verdicts.delete(conversationId);
    },
  };
}

export type KeyGuard = ReturnType<typeof createKeyGuard>;
