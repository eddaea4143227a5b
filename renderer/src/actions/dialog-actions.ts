import type { DialogsStore, PickerPurpose } from '../state/dialogs-store';

/** Opening and closing the window's dialogs (settings, the model picker, which may sit above it, and the current model's details). */
export function createDialogActions(deps: { dialogs: DialogsStore }) {
  const { dialogs } = deps;
  return {
    openPicker: (purpose: PickerPurpose) => dialogs.openPicker(purpose),
    closePicker: () => dialogs.closePicker(),
    openSettings: () => dialogs.openSettings(),
    closeSettings: () => dialogs.closeSettings(),
    openModelDetails: () => dialogs.openModelDetails(),
    closeModelDetails: () => dialogs.closeModelDetails(),
    openConversationOptions: () => dialogs.openConversationOptions(),
    closeConversationOptions: () => dialogs.closeConversationOptions(),
  };
}

export type DialogActions = ReturnType<typeof createDialogActions>;
