import { join } from 'node:path';
import { app, dialog } from 'electron';
import type { BackupDialogs } from '../app/backup-handlers';
import type { FileDialogs } from '../app/chat-handlers';
import { windowForContents } from './window-lookup';

/**
 * Export and import pick their file in main's native dialogs, so the page never names a path. Each is
 * modal to the chat window that asked when it is still open ("The `window` argument allows the dialog
 * to attach itself to a parent window, making it modal", Electron docs/api/dialog.md), else unparented.
 */
export const fileDialogs: FileDialogs = {
  async chooseExportFile(defaultName, windowId) {
    const owner = windowForContents(windowId);
    const options = {
      title: 'Export conversations',
      defaultPath: join(app.getPath('documents'), defaultName),
    };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseImageFile(defaultName, windowId) {
    const owner = windowForContents(windowId);
    const extension = defaultName.slice(defaultName.lastIndexOf('.') + 1);
    // `filters` (FileFilter[]) and `defaultPath` as a file name: Electron docs/api/dialog.md,
    // "dialog.showSaveDialog([window, ]options)". Pictures folder: docs/api/app.md `app.getPath('pictures')`.
    const options = {
      title: 'Save image',
      defaultPath: join(app.getPath('pictures'), defaultName),
      filters: [{ name: `${extension.toUpperCase()} image`, extensions: [extension] }],
    };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseCsvFile(defaultName, windowId) {
    const owner = windowForContents(windowId);
    // `filters` and `defaultPath` as in chooseImageFile (Electron docs/api/dialog.md, showSaveDialog).
    const options = {
      title: 'Export spending',
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseAttachFiles(windowId) {
    const owner = windowForContents(windowId);
    // `multiSelections` and `openFile` (Electron docs/api/dialog.md, showOpenDialog `properties`). No
    // filter: the type is decided by the bytes (issue 17), and a name filter would only hide files.
    const options = {
      title: 'Attach files',
      properties: ['openFile' as const, 'multiSelections' as const],
    };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : result.filePaths;
  },
  async chooseAttachmentFile(defaultName, windowId) {
    const owner = windowForContents(windowId);
    // As chooseImageFile: a file name as `defaultPath` in the Downloads folder (docs/api/app.md).
    const options = { title: 'Save file', defaultPath: join(app.getPath('downloads'), defaultName) };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseImportFile(windowId) {
    const owner = windowForContents(windowId);
    const options = {
      title: 'Import a Switchboard export',
      properties: ['openFile' as const],
      filters: [{ name: 'Switchboard export', extensions: ['json'] }],
    };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

/**
 * Encrypted backup copies (issue 20): a folder for a copy, a `.age` file to open. `openDirectory` and
 * `createDirectory` (macOS: "Allow creating new directories from dialog") are showOpenDialog
 * `properties` (Electron docs/api/dialog.md, "dialog.showOpenDialog([window, ]options)"); the result's
 * `canceled` and `filePaths` as in chooseImportFile. Modal to the asking window, as above.
 */
export const backupDialogs: BackupDialogs = {
  async chooseBackupFolder(windowId) {
    const owner = windowForContents(windowId);
    const options = {
      title: 'Choose a folder for the encrypted copy',
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory' as const, 'createDirectory' as const],
    };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseEncryptedBackupFile(windowId) {
    const owner = windowForContents(windowId);
    const options = {
      title: 'Open an encrypted copy',
      properties: ['openFile' as const],
      filters: [{ name: 'Switchboard encrypted backup', extensions: ['age'] }],
    };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
