import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { useStoreValue } from '../hooks/useStoreValue';
import { useStores } from '../state/stores-context';
import { ChatPane } from './chat/ChatPane';
import { ModelPickerDialog } from './model-picker/ModelPickerDialog';
import { SettingsDialog } from './settings/SettingsDialog';
import { Sidebar } from './sidebar/Sidebar';
import { ThemeApplier } from './ThemeApplier';
import { Toasts } from './Toasts';

/** Layout: sidebar and chat pane; modal dialogs above them (which make them inert while open). */
export function AppShell() {
  const stores = useStores();
  const dialogs = useStoreValue(stores.dialogs);
  useGlobalShortcuts(stores.dialogs);
  const anyDialog = dialogs.settingsOpen || dialogs.picker !== null;
  return (
    <>
      <ThemeApplier />
      <div className="app" inert={anyDialog}>
        <Sidebar />
        <ChatPane />
      </div>
      {dialogs.settingsOpen && <SettingsDialog inert={dialogs.picker !== null} />}
      {dialogs.picker !== null && <ModelPickerDialog purpose={dialogs.picker} />}
      <Toasts />
    </>
  );
}
