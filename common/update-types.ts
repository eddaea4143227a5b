import { z } from 'zod';

/**
 * Updates (issue 20): what main's update service tells the window. Every `message` is a whole
 * sentence written for a person (what happened and what to do), so a later i18n pass can replace each
 * one by a catalog key without gluing fragments.
 */

/** Why checking for updates is not possible in this build at all. */
export const UpdatesUnavailableReasonSchema = z.enum([
  /** `npm start` and the harness: electron-updater skips unpackaged apps (AppUpdater.isUpdaterActive). */
  'not-packaged',
  /** A package kind electron-updater cannot update itself (e.g. a Linux build that is not an AppImage/deb/rpm). */
  'unsupported-package',
]);
export type UpdatesUnavailableReason = z.infer<typeof UpdatesUnavailableReasonSchema>;

/** What went wrong, so the window can offer the right action; `message` says it to the person. */
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
const Message = z.string().max(1000);

export const UpdateStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unavailable'), reason: UpdatesUnavailableReasonSchema, message: Message }),
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('not-available'), message: Message }),
  z.object({ state: z.literal('available'), version: Version, message: Message }),
  z.object({
    state: z.literal('downloading'),
    version: Version,
    /** 0–100. */
    percent: z.number().min(0).max(100),
    message: Message,
  }),
  z.object({ state: z.literal('downloaded'), version: Version, message: Message }),
  /** "Restart to update" was pressed while a reply streams: installed when the replies end, or on quit. */
  z.object({ state: z.literal('waiting-for-replies'), version: Version, message: Message }),
  z.object({ state: z.literal('installing'), version: Version, message: Message }),
  z.object({
    state: z.literal('error'),
    problem: UpdateProblemSchema,
    message: Message,
    /** Set when a downloaded update is still ready (e.g. the backup failed): "Restart to update" stays offered. */
    version: Version.optional(),
  }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** The accessible name of the banner's button and the Settings button, part of the interface. */
export const RESTART_TO_UPDATE = 'Restart to update';
export const CHECK_FOR_UPDATES = 'Check for updates';
