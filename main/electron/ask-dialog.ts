import { type BrowserWindow, dialog } from 'electron';
import { questionDialog } from '../app/question-dialogs';
import type { AskPerson } from '../app/questions';
import type { MainText } from '../services/i18n/catalog-intl';

/**
 * Main's questions (questions.ts) as native message boxes, never in a renderer (which may be
 * compromised). `dialog.showMessageBox` resolves with the clicked button's index, and with `cancelId`
 * for Esc (docs/api/dialog.md, showMessageBox) and for a box closed without a button (Linux:
 * shell/browser/ui/message_box_gtk.cc returns `cancel_id_` for a negative GTK response; Windows:
 * message_box_win.cc falls back to `cancel_id`). question-dialogs.ts makes `cancelId` and `defaultId`
 * the "no" button; only `yesId` is a yes. With an owner the box is modal to that window (a sheet on
 * macOS), so it sits over the window whose state it explains; the same page notes that on macOS a box
 * without a parent runs synchronously, which would block main meanwhile. Each box is worded in the
 * language main is in when it is shown (`text`, read per question).
 */
export function dialogAsker(
  ownerFor: (windowId: number | null) => Promise<BrowserWindow | null>,
  text: () => MainText,
): AskPerson {
  return async (question, windowId) => {
    const { options, yesId } = questionDialog(question, text());
    const owner = await ownerFor(windowId);
    const { response } =
      owner && !owner.isDestroyed()
        ? await dialog.showMessageBox(owner, options)
        : await dialog.showMessageBox(options);
    return response === yesId;
  };
}
