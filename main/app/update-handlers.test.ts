/**
 * Updates through the composed services and the chat window's handlers (issue 20): the status the
 * window reads, "Check for updates", "Restart to update" with the backup first, the fail-closed default
 * when no backup is wired, the setting that turns automatic checks off, and the install a deferred
 * restart gets at quit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../services/history/testing/test-support';
import { createFakeUpdater } from '../services/updates/testing/fake-updater';
import { DAY_MS, START_DELAY_MS } from '../services/updates/update-service';
import { composeServices, type UpdateAdapters } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const ctx = { windowId: 1, emit: () => undefined };

async function compose(updates?: UpdateAdapters) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-updates-'));
  dirs.push(dataDir);
  const services = composeServices(testServiceAdapters({ dataDir, ...(updates ? { updates } : {}) }));
  await services.init();
  return services;
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('updates through the chat handlers', () => {
  it('without an updater (unpackaged app) says updates are not checked, and checks nothing', async () => {
    const services = await compose();
    const expected = {
      state: 'unavailable',
      reason: 'not-packaged',
    };
    expect(await services.handlers.getUpdateStatus(undefined, ctx)).toEqual(expected);
    expect(await services.handlers.checkForUpdates(undefined, ctx)).toEqual(expected);
    expect(await services.handlers.restartToUpdate(undefined, ctx)).toEqual(expected);
    await services.shutdown();
  });

  it('"Check for updates" downloads; "Restart to update" backs up, then installs', async () => {
    const updater = createFakeUpdater();
    updater.nextCheck = { available: '2.0.0' };
    const order: string[] = [];
    const services = await compose({
      updater: {
        ...updater,
        check: () => updater.check(),
        download: () => updater.download(),
        on: (l) => updater.on(l),
        quitAndInstall: () => order.push('quitAndInstall'),
      },
      snapshotBeforeUpdate: async () => {
        order.push('snapshot');
      },
      scheduler: createManualClock().scheduler,
    });
    const emitted: string[] = [];
    services.updates.onStatus((s) => emitted.push(s.state));
    expect(await services.handlers.checkForUpdates(undefined, ctx)).toMatchObject({
      state: 'downloaded',
      version: '2.0.0',
    });
    expect(emitted).toContain('downloading');
    expect(await services.handlers.restartToUpdate(undefined, ctx)).toMatchObject({ state: 'installing' });
    await flush();
    expect(order).toEqual(['snapshot', 'quitAndInstall']);
    await services.shutdown();
  });

  it('when the backup before updating fails, never installs and says so', async () => {
    const updater = createFakeUpdater();
    updater.nextCheck = { available: '2.0.0' };
    const services = await compose({
      updater,
      snapshotBeforeUpdate: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
      scheduler: createManualClock().scheduler,
    });
    await services.handlers.checkForUpdates(undefined, ctx);
    await services.handlers.restartToUpdate(undefined, ctx);
    await flush();
    expect(updater.calls).not.toContain('quitAndInstall');
    expect(await services.handlers.getUpdateStatus(undefined, ctx)).toMatchObject({
      state: 'error',
      problem: 'snapshot-failed',
      version: '2.0.0',
    });
    await services.shutdown();
  });

  it('by default the backups service takes a pre-update snapshot before the installer starts', async () => {
    const updater = createFakeUpdater();
    updater.nextCheck = { available: '2.0.0' };
    const services = await compose({ updater, scheduler: createManualClock().scheduler });
    let snapshotsAtInstall = -1;
    updater.installError = null;
    const install = updater.quitAndInstall;
    updater.quitAndInstall = () => {
      void services.backups.list().then((list) => {
        snapshotsAtInstall = list.filter((b) => b.kind === 'pre-update' && b.complete).length;
      });
      install();
    };
    await services.handlers.checkForUpdates(undefined, ctx);
    void services.handlers.restartToUpdate(undefined, ctx);
    await expect.poll(() => updater.calls.includes('quitAndInstall')).toBe(true);
    await expect.poll(() => snapshotsAtInstall).toBe(1);
    await services.shutdown();
  });

  it('checks shortly after start and daily by default; not at all once Settings turns it off', async () => {
    const clock = createManualClock();
    const updater = createFakeUpdater();
    const services = await compose({ updater, scheduler: clock.scheduler });
    expect(services.settings.get().checkForUpdatesAutomatically).toBe(true);
    clock.advance(START_DELAY_MS);
    await flush();
    expect(updater.calls).toEqual(['check']);
    await services.handlers.updateSettings({ checkForUpdatesAutomatically: false }, ctx);
    clock.advance(2 * DAY_MS);
    await flush();
    expect(updater.calls).toEqual(['check']);
    await services.handlers.checkForUpdates(undefined, ctx);
    expect(updater.calls).toEqual(['check', 'check']);
    await services.shutdown();
  });

  it('a restart asked for during a reply and not yet done is installed at quit, after the backup', async () => {
    const updater = createFakeUpdater();
    updater.nextCheck = { available: '2.0.0' };
    const order: string[] = [];
    const services = await compose({
      updater: {
        ...updater,
        check: () => updater.check(),
        download: () => updater.download(),
        on: (l) => updater.on(l),
        quitAndInstall: () => order.push('quitAndInstall'),
      },
      snapshotBeforeUpdate: async () => {
        order.push('snapshot');
      },
      scheduler: createManualClock().scheduler,
    });
    await services.handlers.checkForUpdates(undefined, ctx);
    // A reply "streaming": the sessions' running map is what the service asks.
    let release = () => {};
    const running = new Promise<void>((r) => {
      release = r;
    });
    const realCount = Object.getOwnPropertyDescriptor(services.sessions, 'activeCount');
    Object.defineProperty(services.sessions, 'activeCount', { get: () => 1, configurable: true });
    const originalSettle = services.sessions.settle;
    services.sessions.settle = () => running;
    expect(await services.handlers.restartToUpdate(undefined, ctx)).toEqual({
      state: 'waiting-for-replies',
      version: '2.0.0',
    });
    await flush();
    expect(order).toEqual([]);
    // Quitting stops the reply.
    if (realCount) Object.defineProperty(services.sessions, 'activeCount', realCount);
    services.sessions.settle = originalSettle;
    release();
    await services.shutdown();
    expect(order).toEqual(['snapshot', 'quitAndInstall']);
  });

  it('at quit, the default backup (after the history is flushed) comes before the installer', async () => {
    const updater = createFakeUpdater();
    updater.nextCheck = { available: '2.0.0' };
    const services = await compose({ updater, scheduler: createManualClock().scheduler });
    await services.handlers.checkForUpdates(undefined, ctx);
    let endReply = () => {};
    const reply = new Promise<void>((resolve) => {
      endReply = resolve;
    });
    Object.defineProperty(services.sessions, 'activeCount', { get: () => 1, configurable: true });
    services.sessions.settle = () => reply;
    expect(await services.handlers.restartToUpdate(undefined, ctx)).toMatchObject({
      state: 'waiting-for-replies',
    });
    // The shutdown stops the reply (here: the sessions have none left to wait for).
    Object.defineProperty(services.sessions, 'activeCount', { get: () => 0, configurable: true });
    endReply();
    await services.shutdown();
    expect(updater.calls.at(-1)).toBe('quitAndInstall');
    const preUpdate = (await services.backups.list()).filter((b) => b.kind === 'pre-update');
    expect(preUpdate).toMatchObject([{ complete: true }]);
  });
});
