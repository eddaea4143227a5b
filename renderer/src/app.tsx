import { useEffect, useState } from 'react';
import { getBridge } from './bridge';
import { AppShell } from './components/app-shell';
import { createAppStores } from './state/app-stores';
import { StoresContext } from './state/stores-context';

/** The root: builds the window's stores around the preload's bridge and starts listening to main. */
export function App() {
  const [stores] = useState(() => createAppStores(getBridge()));
  useEffect(() => stores.start(), [stores]);
  return (
    <StoresContext.Provider value={stores}>
      <AppShell />
    </StoresContext.Provider>
  );
}
