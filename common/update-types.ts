import { z } from 'zod';

/**
 * Updates (issue 20): what main's update service tells the window. A status carries no words: its
 * state, version, problem kind or reason is all a window needs to say it in the person's language
 * (catalog area `updates.status`, renderer/src/components/update-status-text.ts), and a status already
 * on screen is said again in the new language when the person switches.
 */

/** Why checking for updates is not possible in this build at all. */
export const UpdatesUnavailableReasonSchema = z.enum([
  /** `npm start` and the harness: electron-updater skips unpackaged apps (AppUpdater.isUpdaterActive). */
  'not-packaged',
  /** A package kind electron-updater cannot update itself (e.g. a Linux build that is not an AppImage/deb/rpm). */
  'unsupported-package',
  /**
   * A packaged build made without an update feed: no resources/app-update.yml (electron-builder writes
   * it only when the build knows the repository to publish to; electron-builder.yml, README: Updates).
   */
  'not-configured',
]);
export type UpdatesUnavailableReason = z.infer<typeof UpdatesUnavailableReasonSchema>;

/** What went wrong, so the window can say what happened and what to do. */
export const UpdateProblemSchema = z.enum([
  'offline', // no network, DNS failure, connection refused
  'feed-unavailable', // the release feed answered with an error (GitHub down, release or file missing)
  'bad-signature', // the platform's signature check refused the download (Windows publisher, macOS code signature)
  'checksum-mismatch', // the downloaded file's sha512 differs from the feed's (every platform)
  'no-write-access', // the app's folder or the update cache cannot be written
  'snapshot-failed', // the backup before applying failed: nothing was installed
  'install-failed', // the installer could not be started
  'unknown',
]);
export type UpdateProblem = z.infer<typeof UpdateProblemSchema>;

/** semver's own limit (MAX_LENGTH 256), which electron-updater's version parsing enforces. */
const Version = z.string().max(256);

export const UpdateStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unavailable'), reason: UpdatesUnavailableReasonSchema }),
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('not-available') }),
  z.object({ state: z.literal('available'), version: Version }),
  z.object({
    state: z.literal('downloading'),
    version: Version,
    /** 0–100. */
    percent: z.number().min(0).max(100),
  }),
  z.object({ state: z.literal('downloaded'), version: Version }),
  /** "Restart to update" was pressed while a reply streams: installed when the replies end, or on quit. */
  z.object({ state: z.literal('waiting-for-replies'), version: Version }),
  z.object({ state: z.literal('installing'), version: Version }),
  z.object({
    state: z.literal('error'),
    problem: UpdateProblemSchema,
    /** Set when a downloaded update is still ready (e.g. the backup failed): "Restart to update" stays offered. */
    version: Version.optional(),
  }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;
