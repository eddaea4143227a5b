import { useEffect, useState } from 'react';
import { AppContext, createApp } from './app-context';
import { getBridge } from './bridge';
import { AppShell } from './components/app-shell';

/** The root: builds the window's stores and actions around the preload's bridge and starts listening to main. */
export function App() {
  const [app] = useState(() => createApp(getBridge()));
  useEffect(() => app.actions.start(), [app]);
  return (
    <AppContext.Provider value={app}>
      <AppShell />
    </AppContext.Provider>
  );
}
