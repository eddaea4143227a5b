import { dialog, shell } from 'electron';
import type { ConfirmAndOpenLink } from '../app/chat-handlers';
import { windowForContents } from './window-lookup';

/**
 * A link from a page opens in the system browser only after the person confirms it in main's native
 * box, which shows the whole URL. `url` is what the chat handler got from parseSafeExternalUrl (https,
 * no credentials). "Cancel" is both the default and the Esc answer (`defaultId`, `cancelId`: Electron
 * docs/api/dialog.md, showMessageBox), so only a click on "Open in browser" opens it.
 */
export const confirmAndOpenLink: ConfirmAndOpenLink = async (url, windowId) => {
  const owner = windowForContents(windowId);
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: url.toString(),
  };
  const { response } = owner
    ? await dialog.showMessageBox(owner, options)
    : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url.toString());
  return true;
};
