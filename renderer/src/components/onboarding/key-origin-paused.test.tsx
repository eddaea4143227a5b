import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../../common/key-status';
import { descriptionOf, isDisabled } from '../../testing/dom-helpers';
import { makeConversation, STORED_KEY } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

/** The saved key was verified with OpenRouter; this launch points main elsewhere. */
const PAUSED: KeyStatus = {
  state: 'origin-mismatch',
  preview: 'sk-or-v1-…3f2a',
  source: 'clipboard',
  storedAt: '2026-11-28T12:00:00.000Z',
  backend: 'keychain',
  keyOrigin: 'https://openrouter.ai',
  launchOrigin: 'https://collector.example',
};

const PAUSED_REGION = { name: 'Chat is paused' };

function expectExplains(region: HTMLElement) {
  const text = region.textContent ?? '';
  expect(text).toContain('https://openrouter.ai');
  expect(text).toContain('https://collector.example');
  expect(text).toMatch(/add a key for https:\/\/collector\.example/);
  expect(text).toMatch(/start Switchboard without that setting/);
  expect(text).toContain('--openrouter-base-url');
}

describe('a saved key held back for another OpenRouter address', () => {
  it('the start screen says why chat is paused and offers the ways to add a key for the new address', async () => {
    const view = renderApp({ keyStatus: PAUSED });
    const onboarding = await screen.findByRole('region', { name: 'Connect your OpenRouter key' });
    expectExplains(within(onboarding).getByRole('region', PAUSED_REGION));
    for (const name of ['Sign in with OpenRouter', 'Paste from clipboard', 'Type it in a separate window']) {
      expect(isDisabled(within(onboarding).getByRole('button', { name }))).toBe(false);
    }
    // There is no way to send the key from here: only main's own dialog can allow that.
    expect(within(onboarding).queryByRole('button', { name: /send/i })).toBeNull();

    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    const send = screen.getByRole('button', { name: 'Send' });
    expect(isDisabled(send)).toBe(true);
    expect(descriptionOf(send)).toBe(
      'Chat is paused: your saved key is not sent to https://collector.example',
    );
  });

  it('over an open conversation, the banner explains it too', async () => {
    const view = renderApp({
      keyStatus: PAUSED,
      conversations: [makeConversation({ id: 'c1', title: 'Old chat' })],
    });
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await view.user.click(await within(nav).findByRole('button', { name: /^Old chat/ }));
    expectExplains(await screen.findByRole('region', PAUSED_REGION));
  });

  it('settings show the key and the explanation', async () => {
    const view = renderApp({ keyStatus: PAUSED });
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expectExplains(within(dialog).getByRole('region', PAUSED_REGION));
    expect(dialog.textContent).toContain('sk-or-v1-…3f2a');
  });

  it('the explanation goes once main reports a usable key (the person agreed, or added a key)', async () => {
    const view = renderApp({ keyStatus: PAUSED });
    await screen.findByRole('region', PAUSED_REGION);
    act(() => view.fake.emitKeyStatus(STORED_KEY));
    await waitFor(() => expect(screen.queryByRole('region', PAUSED_REGION)).toBeNull());
  });
});
