import { createContext, useContext } from 'react';
import type { SwitchboardBridge } from '../../common/ipc/bridge-types';
import { type AppActions, createAppActions } from './actions/app-actions';
import { createAppStores, type StoreViews, storeViews } from './state/app-stores';

/** The window's state, as components see it: read-only store views, and the actions that change it. */
export interface App {
  stores: StoreViews;
  actions: AppActions;
}

/** Builds the window's stores and actions around one bridge (the real one, or a fake in tests). */
export function createApp(bridge: SwitchboardBridge): App {
  const stores = createAppStores();
  return { stores: storeViews(stores), actions: createAppActions(bridge, stores) };
}

export const AppContext = createContext<App | null>(null);

function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useStores and useActions must be used inside <AppContext.Provider>');
  return app;
}

/** What components read (through `useStoreValue` and the hooks in hooks/); never writable. */
export function useStores(): StoreViews {
  return useApp().stores;
}

/** How components change anything, in this window or in main. */
export function useActions(): AppActions {
  return useApp().actions;
}
