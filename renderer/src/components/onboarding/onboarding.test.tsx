import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isDisabled } from '../../testing/dom-helpers';
import { NO_KEY, STORED_KEY } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const ONBOARDING = { name: 'Connect your OpenRouter key' };

describe('onboarding', () => {
  it('is shown when there is no key, with the three ways in', async () => {
    renderApp({ keyStatus: NO_KEY });
    const section = await screen.findByRole('region', ONBOARDING);
    for (const name of ['Sign in with OpenRouter', 'Paste from clipboard', 'Type it in a separate window']) {
      const button = within(section).getByRole('button', { name });
      expect(isDisabled(button)).toBe(false);
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

  it('pastes from the clipboard through main and shows the key label', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    const section = await screen.findByRole('region', ONBOARDING);
    act(() => within(section).getByRole('button', { name: 'Paste from clipboard' }).click());
    expect(await screen.findByText(/Key saved: Test key/)).toBeTruthy();
    expect(fake.callsTo('importKeyFromClipboard')).toEqual([{ persistence: 'encrypted' }]);
  });

  it("shows main's refusal on the page, without the key", async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    fake.override('importKeyFromClipboard', async () => ({
      ok: false,
      error: {
        code: 'key_invalid_format',
        message:
          'The clipboard does not hold an OpenRouter key. Copy the key from openrouter.ai/settings/keys and try again.',
      },
    }));
    const section = await screen.findByRole('region', ONBOARDING);
    act(() => within(section).getByRole('button', { name: 'Paste from clipboard' }).click());
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'does not hold an OpenRouter key',
    );
  });

  it('says the current key was kept when the person declined to replace it', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    fake.override('startSignIn', async () => ({ ok: true, value: { phase: 'kept' } }));
    const section = await screen.findByRole('region', ONBOARDING);
    act(() => within(section).getByRole('button', { name: 'Sign in with OpenRouter' }).click());
    const notice = await screen.findByText(/Kept your current key/);
    expect(notice.textContent).toContain('openrouter.ai/settings/keys');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('offers to cancel a sign-in main says is already running, by its code, whatever the words', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    fake.override('startSignIn', async () => ({
      ok: false,
      error: { code: 'sign_in_in_progress', message: 'Another sign-in is waiting for your browser.' },
    }));
    const section = await screen.findByRole('region', ONBOARDING);
    act(() => within(section).getByRole('button', { name: 'Sign in with OpenRouter' }).click());
    expect((await within(section).findByRole('alert')).textContent).toContain('Another sign-in is waiting');
    expect(within(section).getByRole('button', { name: 'Cancel sign-in' })).toBeTruthy();
  });

  it('offers no sign-in to cancel for another error, even one that reads alike', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    fake.override('startSignIn', async () => ({
      ok: false,
      error: { code: 'internal', message: 'Saving is already in progress elsewhere. Please retry.' },
    }));
    const section = await screen.findByRole('region', ONBOARDING);
    act(() => within(section).getByRole('button', { name: 'Sign in with OpenRouter' }).click());
    await within(section).findByRole('alert');
    expect(within(section).queryByRole('button', { name: 'Cancel sign-in' })).toBeNull();
  });

  it('gives way to the chat once main reports a key', async () => {
    const { fake } = renderApp({ keyStatus: NO_KEY });
    await screen.findByRole('region', ONBOARDING);
    act(() => fake.emitKeyStatus(STORED_KEY));
    expect(await screen.findByText('What would you like to ask?')).toBeTruthy();
    expect(screen.queryByRole('region', ONBOARDING)).toBeNull();
  });
});
