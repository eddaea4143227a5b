import {
  type ChatContract,
  chatContract,
  type KeyEntryContract,
  keyEntryContract,
} from '../../common/ipc/contract';
import {
  createHandlerTable,
  type ErrorSanitiser,
  type Handlers,
  type HandlerTable,
} from '../ipc/handler-table';
import { chatWritingCalls, keyEntryWritingCalls } from '../ipc/writing-calls';
import { APP_ORIGIN, KEY_ENTRY_ORIGIN, KEY_ENTRY_PATH } from '../protocol/resolve-asset';
import type { Logger } from '../services/log/logger';
import { bindToIpcMain, sendToWindow } from './ipc-binding';

/**
 * The chat contract on ipcMain, answered only for a chat window's main frame on app://switchboard.
 * Returns the table: main pushes events to a window through it, parsed with the contract's schema.
 */
export function bindChatContract(
  handlers: Handlers<ChatContract>,
  isChatWindow: (webContentsId: number) => boolean,
  log: Logger,
  sanitiseErrors: ErrorSanitiser,
): HandlerTable<ChatContract> {
  const table = createHandlerTable({
    contract: chatContract,
    handlers,
    policy: { origin: APP_ORIGIN, isOurWindow: isChatWindow },
    sendEvent: sendToWindow,
    log,
    sanitiseErrors,
    writeLimits: { writingCalls: chatWritingCalls },
  });
  bindToIpcMain(table);
  return table;
}

/** The key-entry window's contract on ipcMain: its own host and exactly its one page. */
export function bindKeyEntryContract(
  handlers: Handlers<KeyEntryContract>,
  isKeyWindow: (webContentsId: number) => boolean,
  log: Logger,
  sanitiseErrors: ErrorSanitiser,
): void {
  bindToIpcMain(
    createHandlerTable({
      contract: keyEntryContract,
      handlers,
      // The chat origin serves no key-entry page at all.
      policy: { origin: KEY_ENTRY_ORIGIN, path: KEY_ENTRY_PATH, isOurWindow: isKeyWindow },
      sendEvent: sendToWindow,
      log,
      sanitiseErrors,
      writeLimits: { writingCalls: keyEntryWritingCalls },
    }),
  );
}
