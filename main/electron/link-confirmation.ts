import { dialog, shell } from 'electron';
import type { ConfirmAndOpenLink } from '../app/chat-handlers';
import { linkDialogOptions } from '../app/link-dialog';
import type { MainText } from '../services/i18n/catalog-intl';
import { windowForContents } from './window-lookup';

/**
 * A link from a page opens in the system browser only after the person confirms it in main's native
 * box, which shows the whole URL. `url` is what the chat handler got from parseSafeExternalUrl (https,
 * no credentials). "Cancel" is both the default and the Esc answer (`defaultId`, `cancelId`: Electron
 * docs/api/dialog.md, showMessageBox), so only a click on "Open in browser" opens it. The box is worded
 * in the language main is in when it is shown (`text`, read each time).
 */
export function confirmAndOpenLink(text: () => MainText): ConfirmAndOpenLink {
  return async (url, windowId) => {
    const owner = windowForContents(windowId);
    const options = linkDialogOptions(url, text());
    const { response } = owner
      ? await dialog.showMessageBox(owner, options)
      : await dialog.showMessageBox(options);
    if (response !== 0) return false;
    await shell.openExternal(url.toString());
    return true;
  };
}
