import type { DialogsStore, PickerPurpose, SettingsSection } from '../state/dialogs-store';

/** Opening and closing the window's dialogs (settings, the model picker, which may sit above it, and the current model's details). */
export function createDialogActions(deps: { dialogs: DialogsStore }) {
  const { dialogs } = deps;
  return {
    openPicker: (purpose: PickerPurpose) => dialogs.openPicker(purpose),
    closePicker: () => dialogs.closePicker(),
    /** Opens Settings, at one of its sections when given (say, Spending from "Change limit"). */
    openSettings: (section: SettingsSection | null = null) => dialogs.openSettings(section),
    closeSettings: () => dialogs.closeSettings(),
    openSpending: () => dialogs.openSpending(),
    closeSpending: () => dialogs.closeSpending(),
    openModelDetails: () => dialogs.openModelDetails(),
    closeModelDetails: () => dialogs.closeModelDetails(),
    openConversationOptions: () => dialogs.openConversationOptions(),
    closeConversationOptions: () => dialogs.closeConversationOptions(),
  };
}

export type DialogActions = ReturnType<typeof createDialogActions>;
