import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app';
import { createFakeBridge, type FakeBridge, type FakeState, installFakeBridge } from './fake-bridge';

/** Renders the whole app over a fake bridge. */
export function renderApp(initial: Partial<FakeState> | FakeBridge = {}) {
  const fake = 'bridge' in initial ? initial : createFakeBridge(initial);
  const uninstall = installFakeBridge(fake);
  const user = userEvent.setup();
  const view = render(<App />);
  return { ...view, fake, user, uninstall };
}
