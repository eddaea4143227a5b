import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtuosoMockContext } from 'react-virtuoso';
import { App } from '../app';
import { createFakeBridge, type FakeBridge, type FakeState, installFakeBridge } from './fake-bridge';

/**
 * Renders the whole app over a fake bridge. jsdom has no layout, so Virtuoso is told the viewport
 * and row sizes it would otherwise measure.
 */
export function renderApp(initial: Partial<FakeState> | FakeBridge = {}) {
  const fake = 'bridge' in initial ? initial : createFakeBridge(initial);
  const uninstall = installFakeBridge(fake);
  const user = userEvent.setup();
  const view = render(
    <VirtuosoMockContext.Provider value={{ viewportHeight: 4000, itemHeight: 100 }}>
      <App />
    </VirtuosoMockContext.Provider>,
  );
  return { ...view, fake, user, uninstall };
}
