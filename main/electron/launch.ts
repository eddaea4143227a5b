import { mkdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { app, dialog } from 'electron';
import { userDataDirFor } from '../config/dev-profile';
import { type LaunchConfig, readLaunchConfig } from '../config/launch-config';
import { ENV_KEY_VARIABLE } from '../services/key-intake/env-key-offer';
import { PRIVATE_DIR_MODE } from '../services/private-files/private-files';
import { launchErrorText, launchText } from './launch-text';

// What main does at module load, before the single-instance lock (main/index.ts calls these in order).
// Each may stop the launch with a message; none starts anything.

/** The launch settings (base URL, profile folder), or a message box and exit when they are wrong. */
export function readLaunchSettingsOrExit(): LaunchConfig {
  try {
    // Packaged builds ignore the base-URL environment variable (see LaunchOptions.isPackaged).
    return readLaunchConfig(process.env, process.argv, isAbsolute, { isPackaged: app.isPackaged });
  } catch (error) {
    const text = launchText(() => app.getPreferredSystemLanguages());
    dialog.showErrorBox(text.message('launch.cannotStart'), launchErrorText(text, error));
    app.exit(1);
    throw error;
  }
}

/**
 * Takes OPENROUTER_API_KEY out of main's environment and returns a private copy for the key offer.
 * Called at module load, not after `ready`: Chromium launches the GPU process (and may start the
 * network service) between running main's script and emitting `ready`
 * (shell/browser/electron_browser_main_parts.cc: the script runs in PostEarlyInitialization, `ready`
 * comes from PreMainMessageLoopRun), and each child starts with main's environment at that moment.
 */
export function takeKeyOutOfEnvironment(): Record<string, string | undefined> {
  const launchEnv = { [ENV_KEY_VARIABLE]: process.env[ENV_KEY_VARIABLE] };
  delete process.env[ENV_KEY_VARIABLE];
  return launchEnv;
}

/**
 * `npm start` (unpackaged: no fuses, DevTools) gets its own profile unless one is named, so it never
 * opens the installed app's vault and history. Set before anything reads userData: before `ready`
 * (docs/api/app.md, app.setPath: session data must be moved "before the ready event") and before the
 * lock, which Electron takes in the userData directory (shell/browser/api/electron_api_app.cc,
 * RequestSingleInstanceLock reads chrome::DIR_USER_DATA). setPath documents an error for a folder
 * that does not exist, so it is created first, private.
 */
export function setUserDataDir(config: LaunchConfig): void {
  const userDataDir = userDataDirFor({
    named: config.userDataDir,
    isPackaged: app.isPackaged,
    appData: app.getPath('appData'),
  });
  if (!userDataDir) return;
  try {
    mkdirSync(userDataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    app.setPath('userData', userDataDir);
  } catch (error) {
    // showErrorBox may be called before ready (docs/api/dialog.md).
    const text = launchText(() => app.getPreferredSystemLanguages());
    dialog.showErrorBox(
      text.message('launch.cannotStart'),
      text.message('launch.userDataUnusable', {
        dir: userDataDir,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    app.exit(1);
    throw error;
  }
}
