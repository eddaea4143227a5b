import { join } from 'node:path';

/**
 * The profile folder of an unpackaged run, next to the installed app's own (`<appData>/Switchboard`).
 * `npm start` runs without the packaged fuses and with DevTools: it must not open the person's real
 * vault and history.
 */
export const DEVELOPMENT_PROFILE_NAME = 'Switchboard (development)';

export interface ProfileInputs {
  /** A profile named at launch (`--switchboard-user-data` / `SWITCHBOARD_USER_DATA_DIR`), or null. */
  readonly named: string | null;
  /** Electron's `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** Electron's `app.getPath('appData')`. */
  readonly appData: string;
}

/**
 * The user-data directory main sets before anything reads it, or null to keep Electron's default
 * (the packaged app without a named profile). A named profile always wins.
 */
export function userDataDirFor(inputs: ProfileInputs): string | null {
  if (inputs.named !== null) return inputs.named;
  if (inputs.isPackaged) return null;
  return join(inputs.appData, DEVELOPMENT_PROFILE_NAME);
}
