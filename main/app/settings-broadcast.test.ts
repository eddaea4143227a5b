import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatContract, SettingsWithProblemsSchema } from '../../common/ipc/contract';
import { makeTempDir } from '../services/history/testing/test-support';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { createSettingsStore } from '../services/settings/settings-store';
import { broadcastSettingsChanges } from './settings-broadcast';

const temps: Array<{ cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  for (const t of temps.splice(0)) await t.cleanup();
});

async function setUp(windows: number[]) {
  const temp = await makeTempDir('switchboard-settings-broadcast-');
  temps.push(temp);
  const settings = createSettingsStore({ dir: temp.dir, log: createMemoryLogger('settings') });
  await settings.init();
  const open = [...windows];
  const received: Array<{ id: number; payload: unknown }> = [];
  const stop = broadcastSettingsChanges({
    onChange: (listener) => settings.onChange(listener),
    asSent: (value) => ({ ...value, problems: [] }),
    windowIds: () => open,
    // As the handler table does: the payload is checked against the contract's event schema.
    emit: (id, payload) =>
      received.push({ id, payload: chatContract.onSettingsChanged.payload.parse(payload) }),
  });
  return { settings, open, received, stop };
}

describe('settings changes reach every chat window', () => {
  it('the contract carries the settings as getSettings answers them', () => {
    expect(chatContract.onSettingsChanged.kind).toBe('event');
    expect(chatContract.onSettingsChanged.payload).toBe(SettingsWithProblemsSchema);
    expect(chatContract.onSettingsChanged.payload).toBe(chatContract.getSettings.response);
  });

  it('an update made in one window is sent to every open window, the one that made it included', async () => {
    const { settings, received } = await setUp([1, 2, 3]);
    await settings.update({ theme: 'dark' });
    expect(received.map((r) => r.id)).toEqual([1, 2, 3]);
    for (const { payload } of received) expect(payload).toMatchObject({ theme: 'dark', problems: [] });
  });

  it('a restore (replaceAll) is sent too; windows opened or closed since are followed', async () => {
    const { settings, open, received } = await setUp([1]);
    open.push(7);
    await settings.replaceAll({ ...settings.get(), theme: 'light', systemPrompt: 'Be brief.' });
    expect(received.map((r) => r.id)).toEqual([1, 7]);
    expect(received[1]?.payload).toMatchObject({ theme: 'light', systemPrompt: 'Be brief.' });
    open.splice(0, 1);
    await settings.update({ theme: 'system' });
    expect(received.map((r) => r.id)).toEqual([1, 7, 7]);
  });

  it('stops when unsubscribed', async () => {
    const { settings, received, stop } = await setUp([1, 2]);
    stop();
    await settings.update({ theme: 'dark' });
    expect(received).toEqual([]);
  });
});

describe('the glue broadcasts them (main/index.ts, the browser harness)', () => {
  // Electron can't run here: the glue is checked by its text, as handler-table.test.ts does for key status.
  const repoRoot = join(import.meta.dirname, '..', '..');
  for (const path of ['main/index.ts', 'e2e/harness/harness.ts']) {
    it(`${path} sends every settings change to every chat window through the table`, () => {
      const source = readFileSync(join(repoRoot, path), 'utf8');
      expect(source).toMatch(
        /broadcastSettingsChanges\(\{[^}]*onChange: \(listener\) => services\.settings\.onChange\(listener\)/,
      );
      expect(source).toMatch(
        /emit: \(id, settings\) => chatTable\.emit\(id, 'onSettingsChanged', settings\)/,
      );
    });
  }
});
