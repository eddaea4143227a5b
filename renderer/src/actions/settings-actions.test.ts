import { describe, expect, it } from 'vitest';
import type { SettingsWithProblems } from '../../../common/ipc/contract';
import type { Settings } from '../../../common/settings-types';
import { createSettingsStore } from '../state/settings-store';
import { createFakeBridge } from '../testing/fake-bridge';
import { makeSettings } from '../testing/fixtures';
import { createSettingsActions } from './settings-actions';

function setUp(initial: Settings = makeSettings()) {
  const fake = createFakeBridge({ settings: initial });
  const settings = createSettingsStore();
  const actions = createSettingsActions({ bridge: fake.bridge, settings });
  let notified = 0;
  settings.subscribe(() => notified++);
  return { fake, settings, actions, notified: () => notified };
}

describe('settings follow main in every window (issue 20)', () => {
  it('settings changed elsewhere (another window, a restore) replace the window’s copy', async () => {
    const { fake, settings, actions } = setUp();
    const stop = actions.listen();
    await actions.load();
    expect(settings.get()?.theme).toBe('system');
    fake.emitSettings(makeSettings({ theme: 'dark', systemPrompt: 'Be brief.' }));
    expect(settings.get()).toMatchObject({ theme: 'dark', systemPrompt: 'Be brief.' });
    stop();
    fake.emitSettings(makeSettings({ theme: 'light' }));
    expect(settings.get()?.theme).toBe('dark');
  });

  it('the window that made a change gets it twice (event and answer) and re-renders once', async () => {
    const { settings, actions, notified } = setUp();
    actions.listen();
    await actions.load();
    const before = notified();
    const result = await actions.update({ theme: 'dark' });
    expect(result.ok).toBe(true);
    expect(settings.get()?.theme).toBe('dark');
    expect(notified() - before).toBe(1);
  });

  it('an answer to getSettings asked before an event is older than it and is not applied', async () => {
    const { fake, settings, actions } = setUp();
    actions.listen();
    let answer: (value: SettingsWithProblems) => void = () => undefined;
    // Main's answer held back until the event has arrived.
    (fake.bridge as { getSettings: typeof fake.bridge.getSettings }).getSettings = () =>
      new Promise((resolve) => {
        answer = (value) => resolve({ ok: true, value });
      });
    const loading = actions.load();
    fake.emitSettings(makeSettings({ theme: 'dark' }));
    answer({ ...makeSettings({ theme: 'light' }), problems: [] });
    await loading;
    expect(settings.get()?.theme).toBe('dark');
  });
});
