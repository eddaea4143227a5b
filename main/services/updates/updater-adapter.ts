import type { UpdatesUnavailableReason } from '../../../common/update-types';

/**
 * The update service's view of an updater (issue 20). The app passes an adapter over electron-updater
 * (main/electron/updater-adapter.ts); tests and the browser harness pass a fake
 * (./testing/fake-updater.ts). The service decides when to check, download and install: the adapter
 * never downloads or installs on its own (electron-updater's `autoDownload` and
 * `autoInstallOnAppQuit` are off).
 */

/** What the updater reports as it works; `error` may also arrive outside a call (macOS's Squirrel). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available'; version: string }
  | { type: 'progress'; percent: number; transferred: number; total: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; error: unknown };

export interface UpdaterAdapter {
  /** Asks the feed for the latest version; emits `checking` then `available` or `not-available`. Rejects on failure. */
  check(): Promise<void>;
  /** Downloads the update `check` found (emits `progress`, then `downloaded`). Rejects on failure (file deleted). */
  download(): Promise<void>;
  /** Quits the app and runs the installer, then relaunches. Only the service calls it, after the backup. */
  quitAndInstall(): void;
  /** Subscribes to the updater's events; returns the unsubscribe function. */
  on(listener: (event: UpdaterEvent) => void): () => void;
}

/** The replies main is streaming (the chat sessions' running map): an update never restarts under one. */
export interface ActiveReplies {
  /** How many replies are streaming right now. */
  count(): number;
  /** Resolves when the replies streaming now have ended (new ones may have started meanwhile). */
  settle(): Promise<void>;
}

/**
 * Takes a backup snapshot of history, settings and the ledger before an update is applied (the
 * backups service's `snapshotBeforeUpdate`). Rejects when the snapshot could not be completed; the
 * update is then not installed.
 */
export type SnapshotBeforeUpdate = () => Promise<void>;

/**
 * Thrown by an adapter's `check` when it finds, once loaded, that this build cannot update itself
 * (e.g. a snap, or an AppImage build run without $APPIMAGE): the service then says so for good.
 */
export class UpdatesUnavailableError extends Error {
  constructor(readonly reason: UpdatesUnavailableReason) {
    super(`updates are not available in this build (${reason})`);
    this.name = 'UpdatesUnavailableError';
  }
}
