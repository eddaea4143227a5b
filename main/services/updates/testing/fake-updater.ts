import type { UpdaterAdapter, UpdaterEvent } from '../updater-adapter';

/**
 * A scripted updater for the update service's tests and the browser harness: `nextCheck` and
 * `nextDownload` say what the next call does; it emits the events electron-updater emits, in the same
 * order (AppUpdater.doCheckForUpdates: `checking-for-update`, then `update-available` or
 * `update-not-available`; executeDownload: `download-progress`…, then `update-downloaded` before the
 * download promise resolves), and rejects the way electron-updater does (an error with its `code`).
 */
export interface FakeUpdater extends UpdaterAdapter {
  /** What the next `check` finds: a newer version, none, or an error it rejects with. */
  nextCheck: { available: string } | { upToDate: string } | { error: unknown };
  /** What the next `download` does: progress steps (percent) then done, or an error after them. */
  nextDownload: { progress: number[] } | { progress: number[]; error: unknown };
  /** When set, `download` waits for it after the progress steps (to look at the downloading state). */
  downloadGate: Promise<void> | null;
  /** When set, `quitAndInstall` throws it (the installer could not be started). */
  installError: unknown;
  readonly calls: Array<'check' | 'download' | 'quitAndInstall'>;
  /** Emits an event as if the updater did (e.g. macOS's Squirrel reporting an error later). */
  emit(event: UpdaterEvent): void;
}

export function errorWithCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export function createFakeUpdater(): FakeUpdater {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  let found: string | null = null;
  const emit = (event: UpdaterEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const fake: FakeUpdater = {
    nextCheck: { upToDate: '1.0.0' },
    nextDownload: { progress: [25, 50, 100] },
    downloadGate: null,
    installError: null,
    calls: [],
    emit,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async check() {
      fake.calls.push('check');
      emit({ type: 'checking' });
      const next = fake.nextCheck;
      if ('error' in next) {
        emit({ type: 'error', error: next.error });
        throw next.error;
      }
      if ('available' in next) {
        found = next.available;
        emit({ type: 'available', version: next.available });
      } else emit({ type: 'not-available', version: next.upToDate });
    },
    async download() {
      fake.calls.push('download');
      if (found === null) throw new Error('Please check update first');
      const total = 1_000_000;
      for (const percent of fake.nextDownload.progress)
        emit({ type: 'progress', percent, transferred: (total * percent) / 100, total });
      if (fake.downloadGate) await fake.downloadGate;
      if ('error' in fake.nextDownload) {
        emit({ type: 'error', error: fake.nextDownload.error });
        throw fake.nextDownload.error;
      }
      emit({ type: 'downloaded', version: found });
    },
    quitAndInstall() {
      fake.calls.push('quitAndInstall');
      if (fake.installError) throw fake.installError;
    },
  };
  return fake;
}
