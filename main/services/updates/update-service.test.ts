import { describe, expect, it } from 'vitest';
import { type UpdateStatus, UpdateStatusSchema } from '../../../common/update-types';
import { createManualClock } from '../history/testing/test-support';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createFakeReplies } from './testing/fake-replies';
import { createFakeUpdater, errorWithCode } from './testing/fake-updater';
import { createUpdateService, DAY_MS } from './update-service';
import { UpdatesUnavailableError } from './updater-adapter';

function setUp(opts: { automatic?: boolean; snapshot?: () => Promise<void> } = {}) {
  const updater = createFakeUpdater();
  const replies = createFakeReplies();
  const clock = createManualClock();
  const log = createMemoryLogger('updates');
  const order: string[] = [];
  const settings = { automatic: opts.automatic ?? true };
  const service = createUpdateService({
    updater: {
      ...updater,
      check: () => updater.check(),
      download: () => updater.download(),
      on: (l) => updater.on(l),
      quitAndInstall: () => {
        order.push('quitAndInstall');
        updater.quitAndInstall();
      },
    },
    automaticChecks: () => settings.automatic,
    activeReplies: replies,
    snapshotBeforeUpdate:
      opts.snapshot ??
      (async () => {
        order.push('snapshot');
      }),
    scheduler: clock.scheduler,
    log,
    startDelayMs: 1000,
  });
  const seen: UpdateStatus['state'][] = [];
  service.onStatus((s) => seen.push(s.state));
  return { updater, replies, clock, log, order, settings, service, seen };
}

/** Lets the service's awaited promises run (no timers involved). */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('update service', () => {
  it('checks once shortly after start and says it is up to date when the feed has nothing newer', async () => {
    const { updater, clock, service, seen } = setUp();
    service.start();
    expect(updater.calls).toEqual([]);
    clock.advance(1000);
    await flush();
    expect(updater.calls).toEqual(['check']);
    expect(seen).toEqual(['checking', 'not-available']);
    expect(service.status()).toEqual({ state: 'not-available' });
  });

  it('downloads a newer version in the background with progress, then offers "Restart to update"', async () => {
    const { updater, service, seen } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    updater.nextDownload = { progress: [10, 60, 100] };
    const percents: number[] = [];
    service.onStatus((s) => {
      if (s.state === 'downloading') percents.push(s.percent);
    });
    const final = await service.checkNow();
    expect(updater.calls).toEqual(['check', 'download']);
    expect(seen).toEqual([
      'checking',
      'available',
      'downloading',
      'downloading',
      'downloading',
      'downloading',
      'downloaded',
    ]);
    expect(percents).toEqual([0, 10, 60, 100]);
    expect(final).toEqual({
      state: 'downloaded',
      version: '2.0.0',
    });
  });

  it('keeps the progress a number from 0 to 100 whatever the updater reports', async () => {
    const { updater, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    updater.nextDownload = { progress: [Number.NaN, -5, 130] };
    const percents: number[] = [];
    service.onStatus((s) => {
      if (s.state === 'downloading') {
        expect(UpdateStatusSchema.safeParse(s).success).toBe(true);
        percents.push(s.percent);
      }
    });
    await service.checkNow();
    expect(percents).toEqual([0, 0, 0, 100]);
  });

  it('backs up before installing: the snapshot comes before quitAndInstall', async () => {
    const { updater, order, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    expect(service.restartToUpdate().state).toBe('installing');
    await flush();
    expect(order).toEqual(['snapshot', 'quitAndInstall']);
  });

  it('does not install when the snapshot fails, says why, and offers the restart again', async () => {
    let fail = true;
    const order: string[] = [];
    const { updater, service } = setUp({
      snapshot: async () => {
        order.push('snapshot');
        if (fail) throw errorWithCode('ENOSPC: no space left on device', 'ENOSPC');
      },
    });
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    service.restartToUpdate();
    await flush();
    expect(updater.calls).not.toContain('quitAndInstall');
    expect(service.status()).toEqual({
      state: 'error',
      problem: 'snapshot-failed',
      version: '2.0.0',
    });
    fail = false;
    service.restartToUpdate();
    await flush();
    expect(order).toEqual(['snapshot', 'snapshot']);
    expect(updater.calls.at(-1)).toBe('quitAndInstall');
  });

  it('never restarts under a streaming reply: defers with a message and installs when the reply ends', async () => {
    const { updater, replies, order, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    const endReply = replies.start();
    expect(service.restartToUpdate()).toEqual({
      state: 'waiting-for-replies',
      version: '2.0.0',
    });
    // Pressing again changes nothing.
    expect(service.restartToUpdate().state).toBe('waiting-for-replies');
    await flush();
    expect(order).toEqual([]);
    endReply();
    await flush();
    expect(order).toEqual(['snapshot', 'quitAndInstall']);
  });

  it('waits for a reply that starts while the backup is written, then backs up again', async () => {
    const order: string[] = [];
    let startDuringSnapshot: (() => void) | null = null;
    const { updater, replies, service } = setUp({
      snapshot: async () => {
        order.push('snapshot');
        startDuringSnapshot?.();
      },
    });
    let endReply = () => {};
    startDuringSnapshot = () => {
      startDuringSnapshot = null;
      endReply = replies.start();
    };
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    service.restartToUpdate();
    await flush();
    expect(service.status().state).toBe('waiting-for-replies');
    expect(updater.calls).not.toContain('quitAndInstall');
    endReply();
    await flush();
    expect(order).toEqual(['snapshot', 'snapshot']);
    expect(updater.calls.at(-1)).toBe('quitAndInstall');
  });

  it('installs at quit (after the shutdown stopped the reply), backing up first', async () => {
    const { updater, replies, order, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    const endReply = replies.start();
    service.restartToUpdate();
    service.beginQuit();
    endReply(); // the shutdown cancels the stream
    await flush();
    expect(order).toEqual([]); // not in the middle of the shutdown
    await service.finishQuit();
    expect(order).toEqual(['snapshot', 'quitAndInstall']);
  });

  it('does not install at quit when the person did not ask for the restart', async () => {
    const { updater, order, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    service.beginQuit();
    await service.finishQuit();
    expect(order).toEqual([]);
  });

  it('reports a download that failed its signature check, and tries again at the next check', async () => {
    const { updater, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    updater.nextDownload = {
      progress: [50],
      error: errorWithCode(
        'New version 2.0.0 is not signed by the application owner: publisherNames: Switchboard',
        'ERR_UPDATER_INVALID_SIGNATURE',
      ),
    };
    const status = await service.checkNow();
    expect(status).toEqual({
      state: 'error',
      problem: 'bad-signature',
    });
    expect(service.restartToUpdate().state).toBe('error');
    updater.nextDownload = { progress: [100] };
    expect((await service.checkNow()).state).toBe('downloaded');
    expect(updater.calls).toEqual(['check', 'download', 'check', 'download']);
  });

  it('reports a checksum mismatch (the Linux check) as a deleted download', async () => {
    const { updater, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    updater.nextDownload = {
      progress: [],
      error: errorWithCode('sha512 checksum mismatch, expected abc, got def', 'ERR_CHECKSUM_MISMATCH'),
    };
    const status = await service.checkNow();
    expect(status.state === 'error' && status.problem).toBe('checksum-mismatch');
  });

  it('reports the feed down and the machine offline with what to do', async () => {
    const { updater, service, log } = setUp();
    updater.nextCheck = {
      error: Object.assign(new Error('HTTP error: 503 Service Unavailable'), {
        code: 'HTTP_ERROR_503',
        statusCode: 503,
      }),
    };
    expect(await service.checkNow()).toEqual({
      state: 'error',
      problem: 'feed-unavailable',
    });
    updater.nextCheck = { error: new Error('net::ERR_INTERNET_DISCONNECTED') };
    expect(await service.checkNow()).toEqual({
      state: 'error',
      problem: 'offline',
    });
    // One log line per failure (the rejection), not a second one for the error event.
    expect(log.lines.filter((l) => l.includes('update check failed'))).toHaveLength(2);
  });

  it('says when the folder cannot be written', async () => {
    const { updater, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    updater.nextDownload = {
      progress: [],
      error: errorWithCode("EACCES: permission denied, mkdir '/opt/x'", 'EACCES'),
    };
    const status = await service.checkNow();
    expect(status.state === 'error' && status.problem).toBe('no-write-access');
  });

  it('an installer that cannot start is reported', async () => {
    const { updater, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    await service.checkNow();
    updater.installError = new Error('spawn ENOENT');
    service.restartToUpdate();
    await flush();
    const status = service.status();
    expect(status.state).toBe('error');
  });

  it('re-checks every day while the setting is on', async () => {
    const { updater, clock, service } = setUp();
    service.start();
    clock.advance(1000);
    await flush();
    expect(updater.calls).toEqual(['check']);
    clock.advance(DAY_MS - 1000 - 1);
    await flush();
    expect(updater.calls).toEqual(['check']);
    clock.advance(1000);
    await flush();
    expect(updater.calls).toEqual(['check', 'check']);
    clock.advance(DAY_MS);
    await flush();
    expect(updater.calls).toEqual(['check', 'check', 'check']);
  });

  it('with the setting off checks nothing by itself, but "Check for updates" still works', async () => {
    const { updater, clock, service, settings } = setUp({ automatic: false });
    service.start();
    clock.advance(3 * DAY_MS);
    await flush();
    expect(updater.calls).toEqual([]);
    await service.checkNow();
    expect(updater.calls).toEqual(['check']);
    // Turned on again: the next daily tick checks.
    settings.automatic = true;
    clock.advance(DAY_MS);
    await flush();
    expect(updater.calls).toEqual(['check', 'check']);
  });

  it('does not check again once an update is downloaded', async () => {
    const { updater, clock, service } = setUp();
    updater.nextCheck = { available: '2.0.0' };
    service.start();
    clock.advance(1000);
    await flush();
    expect(service.status().state).toBe('downloaded');
    clock.advance(DAY_MS);
    await flush();
    expect(await service.checkNow()).toMatchObject({ state: 'downloaded' });
    expect(updater.calls).toEqual(['check', 'download']);
  });

  it('in a development build it checks nothing and says why', async () => {
    const clock = createManualClock();
    const service = createUpdateService({
      updater: null,
      unavailableReason: 'not-packaged',
      automaticChecks: () => true,
      activeReplies: createFakeReplies(),
      snapshotBeforeUpdate: async () => {},
      scheduler: clock.scheduler,
      log: createMemoryLogger(),
    });
    service.start();
    expect(await service.checkNow()).toEqual({
      state: 'unavailable',
      reason: 'not-packaged',
    });
    expect(service.restartToUpdate().state).toBe('unavailable');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('an updater that finds, once loaded, that this build cannot update itself says so for good', async () => {
    const { updater, clock, service } = setUp();
    updater.nextCheck = { error: new UpdatesUnavailableError('unsupported-package') };
    expect(await service.checkNow()).toEqual({
      state: 'unavailable',
      reason: 'unsupported-package',
    });
    service.start();
    clock.advance(3 * DAY_MS);
    await flush();
    await service.checkNow();
    expect(updater.calls).toEqual(['check']);
  });

  it('a build with no update feed (no app-update.yml) says so calmly, and never checks or fails again', async () => {
    const { updater, clock, service, seen, log } = setUp();
    // What AppUpdater.loadUpdateConfig rejects with when resources/app-update.yml is not there:
    // Node's ENOENT from reading that path.
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const missing = await readFile(join(tmpdir(), 'switchboard-no-build', 'app-update.yml'), 'utf-8').then(
      () => null,
      (error: unknown) => error,
    );
    updater.nextCheck = { error: missing };
    service.start();
    clock.advance(1000);
    await flush();
    expect(service.status()).toEqual({ state: 'unavailable', reason: 'not-configured' });
    // A week of daily ticks and a press of "Check for updates": nothing is asked again, no error shown.
    clock.advance(7 * DAY_MS);
    await flush();
    expect(await service.checkNow()).toEqual({ state: 'unavailable', reason: 'not-configured' });
    expect(updater.calls).toEqual(['check']);
    expect(seen).not.toContain('error');
    expect(log.lines.filter((l) => l.includes('failed'))).toEqual([]);
  });

  it('an error the updater reports outside a call (macOS after quitAndInstall) is shown', async () => {
    const { updater, service } = setUp();
    service.start();
    updater.emit({
      type: 'error',
      error: new Error('Code signature at URL file:///x did not pass validation'),
    });
    expect(service.status()).toMatchObject({ state: 'error', problem: 'bad-signature' });
  });
});
