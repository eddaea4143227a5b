import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import { describeError } from '../../common/redact';
import type { Logger } from '../services/log/logger';
import {
  type UpdaterAdapter,
  type UpdaterEvent,
  UpdatesUnavailableError,
} from '../services/updates/updater-adapter';

/**
 * electron-updater (6.8.10) behind the update service's adapter (issue 20). This file imports no
 * `electron`: `adaptAppUpdater` takes any AppUpdater, so the loopback-feed test drives a real
 * AppImageUpdater through it in Node (electron-updater only requires `electron` when it builds its
 * default app adapter and HTTP executor, ElectronAppAdapter.js / electronHttpExecutor.js).
 *
 * The service decides everything: `autoDownload` and `autoInstallOnAppQuit` are off, so nothing is
 * downloaded without a check the service started and nothing is installed without the backup the
 * service takes first; `quitAndInstall` is called only by the service.
 *
 * What is verified before an update is installed, per platform (read in electron-updater's source,
 * node_modules/electron-updater/out/, and electron-userland/electron-builder
 * packages/electron-updater/src/):
 * - Every platform: the downloaded file's sha512 must equal the one in the feed (`latest.yml`,
 *   `latest-mac.yml`, `latest-linux.yml`), checked while it streams to disk (builder-util-runtime
 *   httpExecutor.js, DigestTransform: "sha512 checksum mismatch", code ERR_CHECKSUM_MISMATCH); a
 *   mismatch deletes the file (AppUpdater.js executeDownload, `removeFileIfAny`). The feed comes from
 *   GitHub over HTTPS; the checksum proves the file matches the feed, not who wrote the feed.
 * - Windows (NSIS): after the download, NsisUpdater.js `verifySignature` runs
 *   windowsExecutableCodeSignatureVerifier.js (`Get-AuthenticodeSignature` via PowerShell): the
 *   signature must be valid (Status 0) and the signer's subject must match `publisherName` from
 *   app-update.yml (electron-builder writes it from the signing certificate); otherwise
 *   ERR_UPDATER_INVALID_SIGNATURE and the file is deleted. An unsigned build has no `publisherName`,
 *   and then nothing is checked beyond the sha512.
 * - macOS: MacUpdater.js hands the zip to Electron's `autoUpdater` (Squirrel.Mac), which refuses an
 *   update whose code signature does not satisfy the running app's designated requirement (Squirrel.Mac
 *   SQRLCodeSignature.m, "did not pass validation"): the app must be signed, and by the same identity.
 * - Linux (AppImage, deb, rpm): only the sha512 from `latest-linux.yml` fetched over HTTPS — no
 *   signature at all (AppImageUpdater.js; DebUpdater.js installs the .deb with `dpkg -i`, or apt with
 *   `--allow-unauthenticated`; upstream packages/electron-updater/src/DebUpdater.ts at 8e95ad0 says
 *   "dpkg performs no signature verification" and "electron-builder does not sign Linux packages").
 * - `disableWebInstaller` is on because "Web installer files might not have signature verification"
 *   (AppUpdater.js).
 */
export function adaptAppUpdater(updater: AppUpdater, log: Logger): UpdaterAdapter {
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.disableWebInstaller = true;
  // electron-updater's own lines go through main's redacting logger (there is no key here, but every
  // log line of main passes the same redaction).
  updater.logger = {
    info: (message?: unknown) => log.info('electron-updater', { message: String(message) }),
    warn: (message?: unknown) => log.warn('electron-updater', { message: String(message) }),
    error: (message?: unknown) => log.error('electron-updater', { message: String(message) }),
    debug: (message: string) => log.debug('electron-updater', { message }),
  };

  const listeners = new Set<(event: UpdaterEvent) => void>();
  const emit = (event: UpdaterEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  // The events AppUpdater emits (types.d.ts, UpdaterEvents).
  updater.on('checking-for-update', () => emit({ type: 'checking' }));
  updater.on('update-available', (info: UpdateInfo) => emit({ type: 'available', version: info.version }));
  updater.on('update-not-available', (info: UpdateInfo) =>
    emit({ type: 'not-available', version: info.version }),
  );
  updater.on('download-progress', (progress: ProgressInfo) =>
    emit({
      type: 'progress',
      percent: progress.percent,
      transferred: progress.transferred,
      total: progress.total,
    }),
  );
  updater.on('update-downloaded', (info: UpdateInfo) => emit({ type: 'downloaded', version: info.version }));
  updater.on('error', (error: Error) => {
    log.debug('electron-updater error event', { error: describeError(error) });
    emit({ type: 'error', error });
  });

  return {
    async check() {
      // Resolves null when the updater is inactive (an unpackaged app: AppUpdater.isUpdaterActive;
      // an AppImage build run without $APPIMAGE, or a snap: AppImageUpdater.isUpdaterActive).
      const result = await updater.checkForUpdates();
      if (result === null) emit({ type: 'not-available', version: updater.currentVersion.version });
    },
    async download() {
      await updater.downloadUpdate();
    },
    quitAndInstall() {
      // Silent (NSIS `/S`, no installer window), and run the app again afterwards (BaseUpdater.js;
      // MacUpdater ignores both: Squirrel.Mac relaunches itself).
      updater.quitAndInstall(true, true);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The app's updater: electron-updater's `autoUpdater` for this platform (NSIS, Squirrel.Mac, AppImage,
 * or deb/rpm/pacman from resources/package-type; main.js `doLoadAutoUpdater`), configured from the
 * app-update.yml electron-builder writes into resources from `publish:` in electron-builder.yml.
 * Create it only in a packaged app: an unpackaged one would look for dev-app-update.yml, which we
 * never force (`forceDevUpdateConfig` stays false), so `npm start` never checks.
 *
 * Loaded on the first check, not at start: electron-updater and its dependencies take tens of
 * milliseconds to load, which the first window should not wait for. A build that cannot update itself
 * (a snap, an AppImage build run without $APPIMAGE: AppImageUpdater.isUpdaterActive) answers that
 * first check with `UpdatesUnavailableError`, and the service says so. A module that fails to load
 * rejects the check like any other error (logged; tried again at the next check).
 */
export function lazyElectronUpdater(
  log: Logger,
  loadAutoUpdater: () => Promise<AppUpdater> = loadElectronAutoUpdater,
): UpdaterAdapter {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  let loaded: Promise<UpdaterAdapter> | null = null;
  let adapter: UpdaterAdapter | null = null;
  const load = () => {
    loaded ??= (async () => {
      const autoUpdater = await loadAutoUpdater();
      if (!autoUpdater.isUpdaterActive()) throw new UpdatesUnavailableError('unsupported-package');
      const real = adaptAppUpdater(autoUpdater, log);
      real.on((event) => {
        for (const listener of [...listeners]) listener(event);
      });
      adapter = real;
      return real;
    })().catch((error: unknown) => {
      // Not cached: the next check tries again (an unavailable build is not checked again anyway).
      loaded = null;
      throw error;
    });
    return loaded;
  };
  return {
    check: async () => (await load()).check(),
    download: async () => (await load()).download(),
    quitAndInstall() {
      // The service installs only a downloaded update, so the module is loaded by now.
      if (adapter === null) throw new Error('electron-updater is not loaded: nothing was downloaded');
      adapter.quitAndInstall();
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * electron-updater's `autoUpdater`. The module is CommonJS and stays external to the main bundle
 * (electron-vite externalizes package.json `dependencies`: node_modules/electron-vite/dist/chunks/
 * lib-*.js, externalizeDepsPlugin). Node's ESM import of a CommonJS module gives `module.exports` as the
 * default export; its `autoUpdater` is a getter (main.js) that builds the platform's updater on first
 * read — which needs Electron's `app`, so only in the app.
 */
async function loadElectronAutoUpdater(): Promise<AppUpdater> {
  const { default: electronUpdater } = await import('electron-updater');
  return electronUpdater.autoUpdater;
}
