/**
 * "Paste from clipboard": the chat renderer only asks; main reads the clipboard, so the key never
 * passes through the renderer's DOM or IPC. After saving, the key is cleared from the clipboard (and
 * from Linux's PRIMARY selection, which holds it too when the person selected it to copy it) so
 * another app cannot read it later, but only where it still is: whatever the person copied or
 * selected since then is theirs.
 *
 * The chat page is the least trusted caller there is, so it gets as little as possible:
 * - main reads the clipboard only right after real input in that window (`consumeUserActivation`,
 *   fed by the glue from input the OS delivered; a script in the page cannot produce it), once per
 *   click or key press, so an injected script cannot poll the clipboard;
 * - every clipboard that does not hold a usable key gets the same sentence, so the answer does not
 *   tell empty from other text from an almost-key or its length class.
 */
import { AppFailure, appError } from '../../../common/errors';
import { describeError, maskKey } from '../../../common/redact';
import { knownSecrets } from '../log/known-secrets';
import type { Logger } from '../log/logger';
import { KEY_PREFIX, normaliseKey } from '../vault/key-format';
import type { StoreKeyResult } from '../vault/key-vault';

/** One clipboard buffer: Electron 45's `clipboard.readText` is asynchronous; a plain string is accepted too. */
export interface ClipboardBuffer {
  readText(): string | Promise<string>;
  clear(): void;
}

/** The part of Electron's `clipboard` this needs. */
export interface ClipboardAdapter extends ClipboardBuffer {
  /**
   * Linux's PRIMARY selection (Electron 45 `clipboard.selection`, docs/api/clipboard.md: "a Clipboard
   * object on Linux that operates against the selection clipboard ... and undefined on all other
   * platforms"). Absent elsewhere.
   */
  selection?: ClipboardBuffer;
}

export interface ClipboardImportDeps {
  clipboard: ClipboardAdapter;
  /**
   * True once per real click or key press in the asking window, shortly before the request (see
   * user-activation.ts); false otherwise. Asked before the clipboard is touched.
   */
  consumeUserActivation: () => boolean;
  /** The vault's `store` with source 'clipboard' and the persistence the person chose. */
  storeKey: (key: string) => Promise<StoreKeyResult>;
  log: Logger;
}

export interface ClipboardImportResult extends StoreKeyResult {
  /** False when the clipboard had changed in the meantime (or could not be cleared). */
  clipboardCleared: boolean;
}

export const CLIPBOARD_MESSAGES = {
  notAKey: { id: 'errors.signIn.clipboardNotAKey' },
  noUserActivation: { id: 'errors.signIn.clipboardNoActivation' },
} as const;

/**
 * Checks the clipboard text. Every refusal is the same sentence and never quotes the text: it may be a
 * secret, or anything else the person copied.
 */
function keyFromClipboard(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith(KEY_PREFIX)) throw appError('key_invalid_format', CLIPBOARD_MESSAGES.notAKey);
  try {
    // Length, whitespace and character checks; their specific wording stays in main.
    return normaliseKey(trimmed);
  } catch (error) {
    if (error instanceof AppFailure) throw appError('key_invalid_format', CLIPBOARD_MESSAGES.notAKey);
    throw error;
  }
}

async function readClipboard(clipboard: ClipboardBuffer, log: Logger): Promise<string> {
  try {
    return await clipboard.readText();
  } catch (error) {
    log.warn('reading the clipboard failed', { error: describeError(error) });
    throw appError('internal', { id: 'errors.signIn.clipboardUnreadable' });
  }
}

/** Clears a buffer only if it still holds this key; a failure here must not undo a saved key. */
async function clearIfStillKey(
  buffer: ClipboardBuffer,
  key: string,
  which: 'clipboard' | 'selection',
  log: Logger,
): Promise<boolean> {
  try {
    if ((await buffer.readText()).trim() !== key) {
      log.info(`${which} does not hold the key (any more); left as it is`);
      return false;
    }
    buffer.clear();
    return true;
  } catch (error) {
    log.warn(`clearing the ${which} failed`, { error: describeError(error) });
    return false;
  }
}

/**
 * Throws AppFailure: `validation` without a fresh user activation (nothing is read),
 * `key_invalid_format` before anything is stored, or whatever the vault threw.
 */
export async function importFromClipboard(deps: ClipboardImportDeps): Promise<ClipboardImportResult> {
  const { clipboard, log } = deps;
  if (!deps.consumeUserActivation()) {
    log.warn('clipboard import refused: no click or key press in the window just before');
    throw appError('validation', CLIPBOARD_MESSAGES.noUserActivation);
  }
  const copied = await readClipboard(clipboard, log);
  // Redaction registry (log/known-secrets.ts): what was copied may be a key, refused or not.
  knownSecrets.add(copied);
  const key = keyFromClipboard(copied);
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
  const clipboardCleared = await clearIfStillKey(clipboard, key, 'clipboard', log);
  const selectionCleared = clipboard.selection
    ? await clearIfStillKey(clipboard.selection, key, 'selection', log)
    : null;
  log.info('key imported from the clipboard', { preview: maskKey(key), clipboardCleared, selectionCleared });
  return { ...stored, clipboardCleared };
}
