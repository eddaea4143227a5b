import { createContext, useContext } from 'react';
import type { AppStores } from './app-stores';

export const StoresContext = createContext<AppStores | null>(null);

/** The window's stores; components read them through hooks rather than props. */
export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores must be used inside <StoresContext.Provider>');
  return stores;
}
