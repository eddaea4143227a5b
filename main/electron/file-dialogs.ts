import { join } from 'node:path';
import { app, dialog } from 'electron';
import type { BackupDialogs } from '../app/backup-handlers';
import type { FileDialogs } from '../app/chat-handlers';
import type { MainText } from '../services/i18n/catalog-intl';
import { windowForContents } from './window-lookup';

/**
 * Export and import pick their file in main's native dialogs, so the page never names a path. Each is
 * modal to the chat window that asked when it is still open ("The `window` argument allows the dialog
 * to attach itself to a parent window, making it modal", Electron docs/api/dialog.md), else unparented.
 * Titles and filter names are in the language main is in when each dialog is shown (`text`).
 */
export function fileDialogs(text: () => MainText): FileDialogs {
  const t = (id: string, values?: Record<string, string>) => text().message(id, values);
  return {
    async chooseExportFile(defaultName, windowId) {
      const owner = windowForContents(windowId);
      const options = {
        title: t('dialogs.file.exportConversations'),
        defaultPath: join(app.getPath('documents'), defaultName),
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseImageFile(defaultName, windowId) {
      const owner = windowForContents(windowId);
      const extension = defaultName.slice(defaultName.lastIndexOf('.') + 1);
      // `filters` (FileFilter[]) and `defaultPath` as a file name: Electron docs/api/dialog.md,
      // "dialog.showSaveDialog([window, ]options)". Pictures folder: docs/api/app.md `app.getPath('pictures')`.
      const options = {
        title: t('dialogs.file.saveImage'),
        defaultPath: join(app.getPath('pictures'), defaultName),
        filters: [
          {
            name: t('dialogs.file.imageFilter', { format: extension.toUpperCase() }),
            extensions: [extension],
          },
        ],
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseCsvFile(defaultName, windowId) {
      const owner = windowForContents(windowId);
      // `filters` and `defaultPath` as in chooseImageFile (Electron docs/api/dialog.md, showSaveDialog).
      const options = {
        title: t('dialogs.file.exportSpending'),
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseAttachFiles(windowId) {
      const owner = windowForContents(windowId);
      // `multiSelections` and `openFile` (Electron docs/api/dialog.md, showOpenDialog `properties`). No
      // filter: the type is decided by the bytes (issue 17), and a name filter would only hide files.
      const options = {
        title: t('dialogs.file.attachFiles'),
        properties: ['openFile' as const, 'multiSelections' as const],
      };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async chooseAttachmentFile(defaultName, windowId) {
      const owner = windowForContents(windowId);
      // As chooseImageFile: a file name as `defaultPath` in the Downloads folder (docs/api/app.md).
      const options = {
        title: t('dialogs.file.saveFile'),
        defaultPath: join(app.getPath('downloads'), defaultName),
      };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseImportFile(windowId) {
      const owner = windowForContents(windowId);
      const options = {
        title: t('dialogs.file.importExport'),
        properties: ['openFile' as const],
        filters: [{ name: t('dialogs.file.importFilter'), extensions: ['json'] }],
      };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

/**
 * Encrypted backup copies (issue 20): a folder for a copy, a `.age` file to open. `openDirectory` and
 * `createDirectory` (macOS: "Allow creating new directories from dialog") are showOpenDialog
 * `properties` (Electron docs/api/dialog.md, "dialog.showOpenDialog([window, ]options)"); the result's
 * `canceled` and `filePaths` as in chooseImportFile. Modal to the asking window, as above; worded as above.
 */
export function backupDialogs(text: () => MainText): BackupDialogs {
  const t = (id: string) => text().message(id);
  return {
    async chooseBackupFolder(windowId) {
      const owner = windowForContents(windowId);
      const options = {
        title: t('dialogs.file.chooseBackupFolder'),
        defaultPath: app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseEncryptedBackupFile(windowId) {
      const owner = windowForContents(windowId);
      const options = {
        title: t('dialogs.file.openEncryptedCopy'),
        properties: ['openFile' as const],
        filters: [{ name: t('dialogs.file.encryptedBackupFilter'), extensions: ['age'] }],
      };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
