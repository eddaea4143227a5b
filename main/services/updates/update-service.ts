import { describeError } from '../../../common/redact';
import type { UpdateStatus, UpdatesUnavailableReason } from '../../../common/update-types';
import type { Logger } from '../log/logger';
import type { Scheduler } from '../shared/scheduler';
import { classifyUpdateError, isUpdateFeedMissing } from './update-problems';
import {
  type ActiveReplies,
  type SnapshotBeforeUpdate,
  type UpdaterAdapter,
  type UpdaterEvent,
  UpdatesUnavailableError,
} from './updater-adapter';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The first automatic check waits a little, so it never competes with the window's first paint. */
export const START_DELAY_MS = 10_000;

export interface UpdateServiceDeps {
  /** null: this build cannot update itself (`unavailableReason` says why); nothing is ever checked. */
  updater: UpdaterAdapter | null;
  unavailableReason?: UpdatesUnavailableReason;
  /** Settings → "Check for updates automatically" (default on); read at each automatic check. */
  automaticChecks: () => boolean;
  activeReplies: ActiveReplies;
  snapshotBeforeUpdate: SnapshotBeforeUpdate;
  scheduler: Scheduler;
  log: Logger;
  /** Between automatic checks; a day by default. */
  checkIntervalMs?: number;
  /** Before the first automatic check after `start`. */
  startDelayMs?: number;
}

/**
 * Issue 20's update logic, with no Electron in it: checks at start and daily (unless the setting is
 * off; "Check for updates" in Settings always works), downloads in the background, and installs only
 * when the person presses "Restart to update" — never while a reply is streaming (it waits for the
 * replies to end, or for the app to quit) and never without a backup snapshot taken just before.
 *
 * States: idle → checking → available | not-available; available → downloading → downloaded →
 * (waiting-for-replies →) installing; any step → error (the next check starts again).
 */
export function createUpdateService(deps: UpdateServiceDeps) {
  const interval = deps.checkIntervalMs ?? DAY_MS;
  const startDelay = deps.startDelayMs ?? START_DELAY_MS;
  const listeners = new Set<(status: UpdateStatus) => void>();
  const unavailable = (reason: UpdatesUnavailableReason): UpdateStatus => ({ state: 'unavailable', reason });
  let status: UpdateStatus =
    deps.updater === null ? unavailable(deps.unavailableReason ?? 'not-packaged') : { state: 'idle' };
  /** The version downloaded and ready to install, kept through an error (e.g. a failed backup). */
  let readyVersion: string | null = null;
  /** A check (and the download it starts) in progress: a second request joins it. */
  let checking: Promise<void> | null = null;
  /** True while `check`/`download` is awaited: their rejection reports the error, not the event. */
  let inCall = false;
  /** The person pressed "Restart to update": this flow installs once no reply streams. */
  let installFlow: Promise<void> | null = null;
  let quitting = false;
  const cancels: Array<() => void> = [];

  const current = (): UpdateStatus => status;
  const set = (next: UpdateStatus) => {
    status = next;
    for (const listener of listeners) listener(next);
  };

  const fail = (error: unknown, during: string) => {
    const problem = classifyUpdateError(error);
    deps.log.warn(`update ${during} failed`, { problem, error: describeError(error) });
    set({
      state: 'error',
      problem,
      ...(readyVersion !== null ? { version: readyVersion } : {}),
    });
  };

  const onEvent = (event: UpdaterEvent) => {
    switch (event.type) {
      case 'checking':
        set({ state: 'checking' });
        return;
      case 'available':
        set({
          state: 'available',
          version: event.version,
        });
        return;
      case 'not-available':
        set({ state: 'not-available' });
        return;
      case 'progress':
        if (status.state === 'available' || status.state === 'downloading')
          set({
            state: 'downloading',
            version: status.version,
            // A size the server did not send makes NaN: 0, never a value the contract would refuse.
            percent: Number.isFinite(event.percent) ? Math.max(0, Math.min(100, event.percent)) : 0,
          });
        return;
      case 'downloaded':
        readyVersion = event.version;
        set({
          state: 'downloaded',
          version: event.version,
        });
        return;
      case 'error':
        // During a call its rejection reports the error (once); outside one (macOS's Squirrel after
        // quitAndInstall) the event is all there is.
        if (!inCall) fail(event.error, status.state === 'installing' ? 'install' : 'event');
        return;
    }
  };

  const busy = () =>
    status.state === 'downloading' ||
    status.state === 'downloaded' ||
    status.state === 'waiting-for-replies' ||
    status.state === 'installing' ||
    readyVersion !== null;

  async function checkAndDownload(updater: UpdaterAdapter): Promise<void> {
    inCall = true;
    try {
      await updater.check();
      if (status.state !== 'available') return;
      set({
        state: 'downloading',
        version: status.version,
        percent: 0,
      });
      await updater.download();
      // electron-updater emits `update-downloaded` before its download promise resolves; a fake may not.
      // (Read through `current()`: the events changed `status` while this awaited.)
      const after = current();
      if (after.state === 'downloading') onEvent({ type: 'downloaded', version: after.version });
    } catch (error) {
      // The updater found, once loaded, that this build cannot update itself: said once, for good.
      if (error instanceof UpdatesUnavailableError) {
        deps.log.info('updates are not available in this build', { reason: error.reason });
        set(unavailable(error.reason));
        return;
      }
      // A build shipped without an update feed (no app-update.yml): nothing to retry, so no daily error —
      // said once, for good, like an unsupported package.
      if (isUpdateFeedMissing(error)) {
        deps.log.info('this build has no update feed configured', { error: describeError(error) });
        set(unavailable('not-configured'));
        return;
      }
      fail(error, current().state === 'downloading' ? 'download' : 'check');
    } finally {
      inCall = false;
    }
  }

  /** A check unless one runs or an update is already downloaded (or being installed). */
  function check(kind: 'automatic' | 'manual'): Promise<UpdateStatus> {
    const updater = deps.updater;
    if (updater === null || quitting || busy() || status.state === 'unavailable')
      return Promise.resolve(status);
    if (!checking) {
      deps.log.info('checking for updates', { kind });
      checking = checkAndDownload(updater).finally(() => {
        checking = null;
      });
    }
    return checking.then(() => status);
  }

  /** The backup, then the installer; false when the backup failed (nothing installed, the reason shown). */
  async function snapshot(version: string): Promise<boolean> {
    set({ state: 'installing', version });
    try {
      await deps.snapshotBeforeUpdate();
      return true;
    } catch (error) {
      deps.log.error('the backup before updating failed; the update was not installed', {
        error: describeError(error),
      });
      set({
        state: 'error',
        problem: 'snapshot-failed',
        version,
      });
      return false;
    }
  }

  function install(updater: UpdaterAdapter, version: string): void {
    deps.log.info('installing the update', { version });
    try {
      updater.quitAndInstall();
    } catch (error) {
      fail(error, 'install');
    }
  }

  async function installWhenRepliesEnd(updater: UpdaterAdapter, version: string): Promise<void> {
    for (;;) {
      while (!quitting && deps.activeReplies.count() > 0) {
        if (status.state !== 'waiting-for-replies') set({ state: 'waiting-for-replies', version });
        await deps.activeReplies.settle();
      }
      // Quitting: `finishQuit` installs after the history is flushed.
      if (quitting) return;
      if (!(await snapshot(version))) return;
      // A reply started while the backup was written: wait for it too (and back up again after it).
      if (deps.activeReplies.count() > 0 && !quitting) continue;
      if (quitting) return;
      install(updater, version);
      return;
    }
  }

  const unsubscribe = deps.updater?.on(onEvent) ?? (() => {});

  return {
    status: (): UpdateStatus => status,

    /** Listens to every status change; returns the unsubscribe function. */
    onStatus(listener: (status: UpdateStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Starts the automatic checks: one shortly after start and one a day, while the setting is on. */
    start(): void {
      const updater = deps.updater;
      if (updater === null) {
        deps.log.info('updates are not checked in this build', {
          reason: status.state === 'unavailable' ? status.reason : null,
        });
        return;
      }
      const automatic = () => {
        if (deps.automaticChecks()) void check('automatic');
      };
      cancels.push(deps.scheduler.schedule(automatic, startDelay));
      let cancelDaily = () => {};
      const daily = () => {
        automatic();
        cancelDaily = deps.scheduler.schedule(daily, interval);
      };
      cancelDaily = deps.scheduler.schedule(daily, interval);
      cancels.push(() => cancelDaily());
    },

    /** "Check for updates" in Settings: works whatever the automatic setting says. */
    checkNow: (): Promise<UpdateStatus> => check('manual'),

    /**
     * "Restart to update": backs up and installs now, or — while a reply streams — says so and does
     * it when the replies have ended. Answers at once with the new status.
     */
    restartToUpdate(): UpdateStatus {
      const updater = deps.updater;
      const version = readyVersion;
      if (updater === null || version === null || quitting) return status;
      if (installFlow) return status;
      installFlow = installWhenRepliesEnd(updater, version).finally(() => {
        installFlow = null;
      });
      return status;
    },

    /**
     * The app is quitting (first step of the services' shutdown): a deferred install no longer
     * happens mid-shutdown; `finishQuit` does it once the history is flushed.
     */
    beginQuit(): void {
      quitting = true;
      for (const cancel of cancels.splice(0)) cancel();
    },

    /**
     * Last step of the shutdown: if the person asked to restart to update while a reply streamed, back
     * up and run the installer now (the streams were stopped and saved by the shutdown).
     */
    async finishQuit(): Promise<void> {
      const updater = deps.updater;
      const wanted = installFlow !== null || status.state === 'waiting-for-replies';
      if (installFlow) await installFlow;
      const version = readyVersion;
      if (!wanted || updater === null || version === null || status.state === 'error') return;
      if (await snapshot(version)) install(updater, version);
    },

    /** Stops the timers and the event subscription (tests, harness close). */
    stop(): void {
      for (const cancel of cancels.splice(0)) cancel();
      unsubscribe();
      listeners.clear();
    },
  };
}

export type UpdateService = ReturnType<typeof createUpdateService>;
