import { describe, expect, it } from 'vitest';
import { classifyUpdateError, isUpdateFeedMissing } from './update-problems';

/**
 * Error shapes as electron-updater and its platforms produce them: messages and codes copied from
 * electron-updater 6.8.10 (node_modules/electron-updater/out/*.js, builder-util-runtime/out/*.js),
 * Squirrel.Mac's message as reported in Squirrel/Squirrel.Mac#160, and Chromium's net error names.
 */
const withCode = (message: string, code: string, extra: object = {}) =>
  Object.assign(new Error(message), { code }, extra);

describe('classifyUpdateError', () => {
  it.each([
    // NsisUpdater.js: the publisherName check refused the installer.
    [
      withCode(
        'New version 2.0.0 is not signed by the application owner: publisherNames: Switchboard',
        'ERR_UPDATER_INVALID_SIGNATURE',
      ),
      'bad-signature',
    ],
    // Squirrel.Mac (no code).
    [
      new Error(
        'Code signature at URL file:///Users/x/Library/Caches/app.ShipIt/update.2odv0kE/Switchboard.app/ did not pass validation: code failed to satisfy specified code requirement(s)',
      ),
      'bad-signature',
    ],
    // builder-util-runtime DigestTransform.
    [
      withCode('sha512 checksum mismatch, expected abc, got def', 'ERR_CHECKSUM_MISMATCH'),
      'checksum-mismatch',
    ],
    // GenericProvider/GitHubProvider: the feed file is missing (a 404 wrapped by newError).
    [
      withCode(
        'Cannot find channel "latest-linux.yml" update info: HttpError: 404 Not Found',
        'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
      ),
      'feed-unavailable',
    ],
    [withCode('No published versions on GitHub', 'ERR_UPDATER_NO_PUBLISHED_VERSIONS'), 'feed-unavailable'],
    // builder-util-runtime HttpError.
    [withCode('HTTP error: Service Unavailable', 'HTTP_ERROR_503', { statusCode: 503 }), 'feed-unavailable'],
    // Electron's net module (Chromium error names) and Node's resolver.
    [new Error('net::ERR_INTERNET_DISCONNECTED'), 'offline'],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'offline'],
    [withCode('getaddrinfo ENOTFOUND github.com', 'ENOTFOUND'), 'offline'],
    [withCode('connect ECONNREFUSED 127.0.0.1:443', 'ECONNREFUSED'), 'offline'],
    // fs errors while writing the update cache or replacing the app.
    [
      withCode("EACCES: permission denied, open '/opt/Switchboard/resources/app.asar'", 'EACCES'),
      'no-write-access',
    ],
    [withCode('EROFS: read-only file system', 'EROFS'), 'no-write-access'],
    [new Error('something else entirely'), 'unknown'],
    ['a string', 'unknown'],
    [null, 'unknown'],
  ])('%s → %s', (error, problem) => {
    expect(classifyUpdateError(error)).toBe(problem);
  });
});

/** Node's own error for a file that is not there (fs.readFile), as fs-extra passes it on. */
async function missingFileError(path: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path, 'utf-8').then(
    () => null,
    (error: unknown) => error,
  );
}

describe('isUpdateFeedMissing', () => {
  it('a build with no app-update.yml (AppUpdater.loadUpdateConfig: ENOENT on its path) has no feed', async () => {
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const missing = join(tmpdir(), 'switchboard-no-such-dir', 'resources', 'app-update.yml');
    expect(isUpdateFeedMissing(await missingFileError(missing))).toBe(true);
    // `forceDevUpdateConfig` reads dev-app-update.yml instead (ElectronAppAdapter.appUpdateConfigPath).
    expect(
      isUpdateFeedMissing(
        await missingFileError(join(tmpdir(), 'switchboard-no-such-dir', 'dev-app-update.yml')),
      ),
    ).toBe(true);
    // A shape without a path is not trusted on its message alone.
    expect(
      isUpdateFeedMissing(withCode("ENOENT: no such file or directory, open 'app-update.yml'", 'ENOENT')),
    ).toBe(false);
  });

  it('an app-update.yml that names no provider (providerFactory.createClient) has no feed', () => {
    expect(
      isUpdateFeedMissing(
        withCode('Please pass PublishConfiguration object', 'ERR_UPDATER_INVALID_PROVIDER_CONFIGURATION'),
      ),
    ).toBe(true);
  });

  it.each([
    // A missing file elsewhere (the installer, the running AppImage) is a failure, not a missing feed.
    [
      withCode("ENOENT: no such file or directory, open '/tmp/x/Switchboard.AppImage'", 'ENOENT', {
        path: '/tmp/x/Switchboard.AppImage',
      }),
    ],
    [
      withCode(
        'Cannot find channel "latest-linux.yml" update info: HttpError: 404 Not Found',
        'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
      ),
    ],
    [new Error('app-update.yml')],
    [null],
  ])('%s is not a missing feed', (error) => {
    expect(isUpdateFeedMissing(error)).toBe(false);
    // …and is still classified as a problem (never silently dropped).
    expect(classifyUpdateError(error)).toBeTypeOf('string');
  });
});
