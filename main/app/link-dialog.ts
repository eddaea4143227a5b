import type { MainText } from '../services/i18n/catalog-intl';

/**
 * The box that confirms opening a link from a page: the whole URL as given (never translated), the
 * question and buttons in the language main is in as it shows the box. "Cancel" is both the default
 * and the Esc answer (`defaultId`, `cancelId`: Electron docs/api/dialog.md, showMessageBox).
 */
export function linkDialogOptions(url: URL, text: MainText) {
  return {
    type: 'question' as const,
    buttons: [text.message('dialogs.link.open'), text.message('dialogs.link.cancel')],
    defaultId: 1,
    cancelId: 1,
    message: text.message('dialogs.link.message'),
    detail: url.toString(),
  };
}
