import type { ChatContract, KeyEntryContract } from './contract';
import type { Bridge } from './define';

/** What `window.switchboard` is in the chat window. */
export type SwitchboardBridge = Bridge<ChatContract>;

/** Name under which the chat preload exposes its bridge. */
export const CHAT_BRIDGE_KEY = 'switchboard';

/** What `window.switchboardKeyEntry` is in the key-entry window. */
export type KeyEntryBridge = Bridge<KeyEntryContract>;

export const KEY_ENTRY_BRIDGE_KEY = 'switchboardKeyEntry';
