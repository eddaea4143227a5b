import type { UpdateProblem } from '../../../common/update-types';

/**
 * What an updater error means for the person: a problem kind and one whole sentence saying what
 * happened and what to do. The codes are electron-updater's and builder-util-runtime's own
 * (node_modules/electron-updater/out/*.js, builder-util-runtime/out/httpExecutor.js), Node's
 * system-error codes, and Chromium's `net::ERR_*` names (electron-updater downloads through
 * Electron's `net` module, electronHttpExecutor.js).
 */
export const UPDATE_MESSAGES: Readonly<Record<UpdateProblem, string>> = Object.freeze({
  offline:
    'Switchboard could not reach the update server. Check your internet connection; Switchboard will try again later.',
  'feed-unavailable':
    'The update server did not answer as expected. Switchboard will try again later, or you can check again in Settings.',
  'bad-signature':
    'The downloaded update failed its signature check and was deleted. Switchboard will try again later.',
  'checksum-mismatch':
    'The downloaded update did not match its published checksum and was deleted. Switchboard will try again later.',
  'no-write-access':
    'Switchboard cannot write to the folder it is installed in, so it cannot update itself. Install the new version from the releases page, or ask your administrator.',
  'snapshot-failed':
    'The update was not installed because the backup before updating failed. Check that the disk has free space, then press "Restart to update" again.',
  'install-failed':
    'The update could not be started. Quit Switchboard and open it again to retry, or install the new version from the releases page.',
  unknown:
    'Checking for updates failed. Switchboard will try again later, or you can check again in Settings.',
});

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
