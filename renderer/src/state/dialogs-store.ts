import { createValueStore } from './value-store';

/** What a model chosen in the picker is for: this chat, the default in settings, a Compare column. */
export type PickerPurpose = 'chat' | 'default-model' | 'fallback-model' | 'compare';

/** A section of Settings another part of the window can open it at ("Change limit" → Spending). */
export type SettingsSection = 'spending';

export interface DialogsState {
  settingsOpen: boolean;
  /** Where Settings was asked to open; null for its top. */
  settingsSection: SettingsSection | null;
  /** The Spending view (issue 16): the ledger's chart and totals beside the key's own figures. */
  spendingOpen: boolean;
  picker: PickerPurpose | null;
  /** The chat's current model in detail (from "Model details" in the chat header). */
  modelDetailsOpen: boolean;
  /** The open conversation's own request options (issue 15), from the chat header. */
  conversationOptionsOpen: boolean;
}

/** Which dialogs are open. The picker can open above settings (to choose the default model). */
export function createDialogsStore() {
  const store = createValueStore<DialogsState>({
    settingsOpen: false,
    settingsSection: null,
    spendingOpen: false,
    picker: null,
    modelDetailsOpen: false,
    conversationOptionsOpen: false,
  });
  return {
    subscribe: store.subscribe,
    get: store.get,
    openPicker(purpose: PickerPurpose) {
      store.update((s) => ({ ...s, picker: purpose }));
    },
    closePicker() {
      store.update((s) => ({ ...s, picker: null }));
    },
    openSettings(section: SettingsSection | null = null) {
      store.update((s) => ({ ...s, settingsOpen: true, settingsSection: section }));
    },
    closeSettings() {
      store.update((s) => ({ ...s, settingsOpen: false, settingsSection: null }));
    },
    openSpending() {
      store.update((s) => ({ ...s, spendingOpen: true }));
    },
    closeSpending() {
      store.update((s) => ({ ...s, spendingOpen: false }));
    },
    openModelDetails() {
      store.update((s) => ({ ...s, modelDetailsOpen: true }));
    },
    closeModelDetails() {
      store.update((s) => ({ ...s, modelDetailsOpen: false }));
    },
    openConversationOptions() {
      store.update((s) => ({ ...s, conversationOptionsOpen: true }));
    },
    closeConversationOptions() {
      store.update((s) => ({ ...s, conversationOptionsOpen: false }));
    },
    anyOpen(): boolean {
      const s = store.get();
      return (
        s.settingsOpen ||
        s.spendingOpen ||
        s.picker !== null ||
        s.modelDetailsOpen ||
        s.conversationOptionsOpen
      );
    },
  };
}

export type DialogsStore = ReturnType<typeof createDialogsStore>;
