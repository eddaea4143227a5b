import type { DialogsStore, PickerPurpose } from '../state/dialogs-store';

/** Opening and closing the window's dialogs (settings, and the model picker, which may sit above it). */
export function createDialogActions(deps: { dialogs: DialogsStore }) {
  const { dialogs } = deps;
  return {
    openPicker: (purpose: PickerPurpose) => dialogs.openPicker(purpose),
    closePicker: () => dialogs.closePicker(),
    openSettings: () => dialogs.openSettings(),
    closeSettings: () => dialogs.closeSettings(),
  };
}

export type DialogActions = ReturnType<typeof createDialogActions>;
