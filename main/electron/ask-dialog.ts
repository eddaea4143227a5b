import { type BrowserWindow, dialog } from 'electron';
import { questionDialog } from '../app/question-dialogs';
import type { AskPerson } from '../app/questions';

/**
 * Main's questions (questions.ts) as native message boxes, never in a renderer (which may be
 * compromised). `dialog.showMessageBox` resolves with the clicked button's index; Esc and closing
 * resolve with `cancelId` (docs/api/dialog.md), which question-dialogs.ts makes the "no" button, as
 * it does `defaultId`. Only `yesId` is a yes. With an owner, the box is modal to that window (a sheet
 * on macOS), so it sits over the window whose state it explains.
 */
export function dialogAsker(ownerFor: (windowId: number | null) => Promise<BrowserWindow | null>): AskPerson {
  return async (question, windowId) => {
    const { options, yesId } = questionDialog(question);
    const owner = await ownerFor(windowId);
    const { response } =
      owner && !owner.isDestroyed()
        ? await dialog.showMessageBox(owner, options)
        : await dialog.showMessageBox(options);
    return response === yesId;
  };
}
