/**
 * "Paste from clipboard": the chat renderer only asks; main reads the clipboard, so the key never
 * passes through the renderer's DOM or IPC. After saving, the key is cleared from the clipboard so
 * another app cannot read it later, but only if the clipboard still holds it: whatever the person
 * copied since then is theirs.
 */
import { AppFailure, appError } from '../../../common/errors';
import { describeError, maskKey } from '../../../common/redact';
import type { Logger } from '../log/logger';
import { KEY_PREFIX, normaliseKey } from '../vault/key-format';
import type { StoreKeyResult } from '../vault/key-vault';

/** The part of Electron's `clipboard` this needs. */
export interface ClipboardAdapter {
  /** Electron 45's `clipboard.readText` is asynchronous; a plain string is accepted too. */
  readText(): string | Promise<string>;
  clear(): void;
}

export interface ClipboardImportDeps {
  clipboard: ClipboardAdapter;
  /** The vault's `store` with source 'clipboard' and the persistence the person chose. */
  storeKey: (key: string) => Promise<StoreKeyResult>;
  log: Logger;
}

export interface ClipboardImportResult extends StoreKeyResult {
  /** False when the clipboard had changed in the meantime (or could not be cleared). */
  clipboardCleared: boolean;
}

export const CLIPBOARD_MESSAGES = {
  empty: 'The clipboard is empty. Copy your key from openrouter.ai/settings/keys, then try again.',
  notAKey: "The clipboard doesn't hold an OpenRouter key (they start with sk-or-).",
} as const;

/**
 * Reads and checks the clipboard text. Errors never quote it: it may be a secret, or anything else
 * the person copied.
 */
function keyFromClipboard(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw appError('key_invalid_format', CLIPBOARD_MESSAGES.empty);
  if (!trimmed.startsWith(KEY_PREFIX)) throw appError('key_invalid_format', CLIPBOARD_MESSAGES.notAKey);
  // Length, whitespace and character checks, with the vault's wording.
  return normaliseKey(trimmed);
}

async function readClipboard(clipboard: ClipboardAdapter, log: Logger): Promise<string> {
  try {
    return await clipboard.readText();
  } catch (error) {
    log.warn('reading the clipboard failed', { error: describeError(error) });
    throw appError(
      'internal',
      "Switchboard couldn't read the clipboard. Try again, or type the key instead.",
    );
  }
}

/** Clears only if the clipboard still holds this key; a failure here must not undo a saved key. */
async function clearIfStillKey(clipboard: ClipboardAdapter, key: string, log: Logger): Promise<boolean> {
  try {
    if ((await clipboard.readText()).trim() !== key) {
      log.info('clipboard changed since the key was read; left as it is');
      return false;
    }
    clipboard.clear();
    return true;
  } catch (error) {
    log.warn('clearing the clipboard failed', { error: describeError(error) });
    return false;
  }
}

/** Throws AppFailure: `key_invalid_format` before anything is stored, or whatever the vault threw. */
export async function importFromClipboard(deps: ClipboardImportDeps): Promise<ClipboardImportResult> {
  const { clipboard, log } = deps;
  const key = keyFromClipboard(await readClipboard(clipboard, log));
  let stored: StoreKeyResult;
  try {
    stored = await deps.storeKey(key);
  } catch (error) {
    // The clipboard is left alone: the person may want to check what they copied.
    if (error instanceof AppFailure) {
      log.info('key from the clipboard was not stored', { code: error.error.code });
    }
    throw error;
  }
  const clipboardCleared = await clearIfStillKey(clipboard, key, log);
  log.info('key imported from the clipboard', { preview: maskKey(key), clipboardCleared });
  return { ...stored, clipboardCleared };
}
