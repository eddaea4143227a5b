import { basename } from 'node:path';
import type { UpdateProblem } from '../../../common/update-types';

/**
 * What an updater error means for the person: a problem kind, which the window words in its language
 * (catalog area `updates.status`). The codes are electron-updater's and builder-util-runtime's own
 * (node_modules/electron-updater/out/*.js, builder-util-runtime/out/httpExecutor.js), Node's
 * system-error codes, and Chromium's `net::ERR_*` names (electron-updater downloads through
 * Electron's `net` module, electronHttpExecutor.js).
 */

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const OFFLINE_NET_ERRORS =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_(REFUSED|RESET|TIMED_OUT|CLOSED|FAILED)|NETWORK_CHANGED|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_CONNECTION_FAILED)/;
/** electron-updater's codes for a feed that answered but holds no usable release. */
const FEED_CODES = new Set([
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ERR_UPDATER_NO_PUBLISHED_VERSIONS',
  'ERR_UPDATER_RELEASE_NOT_FOUND',
  'ERR_UPDATER_ASSET_NOT_FOUND',
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_INVALID_RELEASE_FEED',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_NO_CHECKSUM',
]);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null && name in error
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

export function classifyUpdateError(error: unknown): UpdateProblem {
  const code = typeof field(error, 'code') === 'string' ? (field(error, 'code') as string) : '';
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'string'
        ? error
        : String(field(error, 'message'));
  // NsisUpdater.js: "New version … is not signed by the application owner" (the publisherName check).
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return 'bad-signature';
  // Squirrel.Mac (macOS) refuses an update whose code signature does not satisfy the running app's
  // designated requirement: "Code signature at URL … did not pass validation" (SQRLCodeSignature.m).
  if (/code signature|did not pass validation|not signed/i.test(message)) return 'bad-signature';
  // builder-util-runtime's DigestTransform: "sha512 checksum mismatch, expected …, got …".
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message)) return 'checksum-mismatch';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /\b(EACCES|EPERM|EROFS)\b/.test(message))
    return 'no-write-access';
  if (OFFLINE_CODES.has(code) || OFFLINE_NET_ERRORS.test(message)) return 'offline';
  // builder-util-runtime's HttpError: code `HTTP_ERROR_<status>`.
  if (FEED_CODES.has(code) || /^HTTP_ERROR_\d+$/.test(code)) return 'feed-unavailable';
  return 'unknown';
}

/**
 * The names electron-updater reads its feed configuration from (ElectronAppAdapter.appUpdateConfigPath:
 * `resources/app-update.yml` in a packaged app, `dev-app-update.yml` with `forceDevUpdateConfig`).
 */
const UPDATE_CONFIG_FILES = new Set(['app-update.yml', 'dev-app-update.yml']);

/**
 * True when the error says this build has no update feed at all — not that checking failed.
 * AppUpdater.loadUpdateConfig reads the config with fs-extra's `readFile`, so a build shipped without
 * app-update.yml (electron-builder writes it only when it knows the repository: electron-builder.yml)
 * rejects every check with Node's ENOENT for that path; an app-update.yml without a provider makes
 * providerFactory.createClient throw ERR_UPDATER_INVALID_PROVIDER_CONFIGURATION. Decided by the code and
 * the error's `path`, never by its English message. Retrying cannot help: the service says so, calmly,
 * and stops checking.
 */
export function isUpdateFeedMissing(error: unknown): boolean {
  const code = field(error, 'code');
  if (code === 'ERR_UPDATER_INVALID_PROVIDER_CONFIGURATION') return true;
  const path = field(error, 'path');
  return code === 'ENOENT' && typeof path === 'string' && UPDATE_CONFIG_FILES.has(basename(path));
}
