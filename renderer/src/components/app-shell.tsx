import { Suspense } from 'react';
import { useStores } from '../app-context';
import { useGlobalShortcuts } from '../hooks/use-global-shortcuts';
import { useStoreValue } from '../hooks/use-store-value';
import { SpendingDialogView } from '../lazy/deferred-views';
import { ChatPane } from './chat/chat-pane';
import { ModelDetailsDialog } from './chat/model-details-button';
import { ModelPickerDialog } from './model-picker/model-picker-dialog';
import { ConversationOptionsDialog } from './request-controls/conversation-options-dialog';
import { SettingsDialog } from './settings/settings-dialog';
import { Sidebar } from './sidebar/sidebar';
import { ThemeApplier } from './theme-applier';
import { Toasts } from './toasts';
import { UpdateBanner } from './update-banner';

/** Recharts and its dependencies load in a chunk of their own (issue 19), preloaded after the first paint (app.tsx). */
const SpendingDialog = SpendingDialogView.Component;

/** Layout: sidebar and chat pane; modal dialogs above them (which make them inert while open). */
export function AppShell() {
  const stores = useStores();
  const dialogs = useStoreValue(stores.dialogs);
  // Compare (issue 18) is a modal view portalled above the app: the app behind it is inert too.
  const compareOpen = useStoreValue(stores.compare).open;
  useGlobalShortcuts();
  const anyDialog =
    compareOpen ||
    dialogs.settingsOpen ||
    dialogs.spendingOpen ||
    dialogs.picker !== null ||
    dialogs.modelDetailsOpen ||
    dialogs.conversationOptionsOpen;
  return (
    <>
      <ThemeApplier />
      <div className="app" inert={anyDialog}>
        <Sidebar />
        <ChatPane />
      </div>
      {dialogs.settingsOpen && <SettingsDialog inert={dialogs.picker !== null} />}
      {dialogs.picker !== null && <ModelPickerDialog purpose={dialogs.picker} />}
      {dialogs.modelDetailsOpen && <ModelDetailsDialog />}
      {dialogs.spendingOpen && (
        <Suspense fallback={null}>
          <SpendingDialog />
        </Suspense>
      )}
      {dialogs.conversationOptionsOpen && <ConversationOptionsDialog inert={dialogs.picker !== null} />}
      {/* Issue 20: non-modal; inert like the app while a dialog is open. */}
      <UpdateBanner inert={anyDialog} />
      <Toasts />
    </>
  );
}
