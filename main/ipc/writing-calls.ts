import type { ChatContract, KeyEntryContract } from '../../common/ipc/contract';
import type { WritingCalls } from './handler-table';

/**
 * Which calls of each contract count against a window's write budget (main/ipc/write-budget.ts).
 *
 * Counted: calls that write to disk (history, settings, the vault, exports), start work in main that
 * holds memory or reaches out (a stream, a sign-in listener, a network check, an import read into
 * memory), or open something outside the window (a dialog, a browser, the key window).
 *
 * Never counted: reads, whose cost is bounded by what the counted calls could write; and the calls
 * that stop or remove things — Stop, cancelling a sign-in, removing the key, "Key exposed?" — which
 * must work even for a window that has used up its budget.
 */
export const chatWritingCalls: WritingCalls<ChatContract> = {
  getAppInfo: false,
  getKeyStatus: false,
  verifyKey: true, // a request to OpenRouter
  removeKey: false, // must always work
  startSignIn: true, // a loopback listener and a browser tab
  cancelSignIn: false, // must always work
  importKeyFromClipboard: true, // a vault write
  openKeyWindow: true, // a window
  getEnvKeyOffer: false,
  acceptEnvKey: true, // a vault write
  dismissEnvKey: false, // forgets the offer; writes nothing
  reportKeyExposed: false, // must always work
  // The cached list is a read; a refresh is a request to OpenRouter and a new list in memory.
  listModels: (request) => request?.refresh === true,
  getSettings: false,
  updateSettings: true,
  // Requests to OpenRouter, but cached briefly in main and bounded: reads, like the cached model list.
  listModelEndpoints: false,
  listAccountModelIds: false,
  listProviders: false,
  getConversationOptions: false,
  setConversationOptions: true, // a history write
  listConversations: false,
  createConversation: true,
  renameConversation: true,
  deleteConversation: true, // moves the file into the trash, kept 30 days
  restoreConversation: true,
  listQuarantined: false,
  loadMessages: false,
  searchHistory: false,
  exportHistory: true,
  importHistory: true,
  sendMessage: true,
  regenerate: true,
  editAndResend: true,
  cancelChat: false, // Stop must always work
  switchBranch: true, // a history write (the conversation's visible branch)
  compareModels: true, // up to four streams and a history write
  getReplyImage: false, // reads a file this window's replies wrote
  saveReplyImage: true, // a dialog and a file write
  attachFiles: true, // a dialog, files read into main's memory
  stageAttachment: true, // bytes kept in main's memory until sent
  discardAttachment: false, // frees memory; removing a chip must always work
  getAttachmentImage: false, // reads a file this window attached or a reply wrote
  saveAttachment: true, // a dialog and a file write
  getSpending: false, // reads the ledger
  getConversationSpending: false,
  exportSpendingCsv: true, // a dialog and a file write
  listBackups: false, // reads manifests
  backUpNow: true, // copies the history into backups/
  restoreBackup: true, // a snapshot, then history writes
  listBackupConversations: false, // reads a manifest
  restoreBackupConversation: true, // a history write
  saveEncryptedBackup: true, // a dialog, scrypt and a file write
  openEncryptedBackup: true, // a dialog, a file read into memory, backups written
  estimateCost: false, // a token count in main; called as the person types
  openExternal: true, // a dialog, then the browser
  getUpdateStatus: false,
  checkForUpdates: true, // a request to the release feed, maybe a download
  restartToUpdate: true, // a backup snapshot, then the installer
  getLocale: false, // reads the resolved locale
};

export const keyEntryWritingCalls: WritingCalls<KeyEntryContract> = {
  getKeyEntryContext: false,
  submit: true, // a request to OpenRouter and a vault write
  cancel: false, // closing the window must always work
  getLocale: false,
};
