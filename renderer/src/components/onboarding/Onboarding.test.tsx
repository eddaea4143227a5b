import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { descriptionOf, isDisabled } from '../../testing/dom-helpers';
import { NO_KEY, STORED_KEY } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const ONBOARDING = { name: 'Connect your OpenRouter key' };

describe('onboarding', () => {
  it('is shown when there is no key, with the ways in present but not yet available', async () => {
    renderApp({ keyStatus: NO_KEY });
    const section = await screen.findByRole('region', ONBOARDING);
    for (const name of ['Sign in with OpenRouter', 'Paste from clipboard', 'Type it in a separate window']) {
      const button = within(section).getByRole('button', { name });
      expect(isDisabled(button)).toBe(true);
      expect(descriptionOf(button)).toBe('Not available yet in this build');
    }
    expect(section.textContent).toContain('macOS Keychain');
    expect(screen.getByRole('heading', { level: 1, name: 'Switchboard' })).toBeTruthy();
  });

  it('explains weak storage and unreadable keys in plain words', async () => {
    renderApp({ keyStatus: { state: 'unreadable', reason: 'The keyring changed.', backend: 'basic_text' } });
    const section = await screen.findByRole('region', ONBOARDING);
    expect(section.textContent).toContain('The keyring changed.');
    expect(section.textContent).toContain(
      'no keyring: the key can only be kept for this session unless you accept weak protection',
    );
  });

  it('gives way to the chat once main reports a key', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    await screen.findByRole('region', ONBOARDING);
    act(() => fake.emitKeyStatus(STORED_KEY));
    expect(await screen.findByText('What would you like to ask?')).toBeTruthy();
    expect(screen.queryByRole('region', ONBOARDING)).toBeNull();
  });
});
