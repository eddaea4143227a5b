/**
 * The loopback-feed test (issue 20): electron-updater's own code — the AppImage updater, the generic
 * and GitHub providers built from app-update.yml (GitHub's releases Atom feed and latest-release API),
 * the YAML feed parsing and the sha512 check while downloading —
 * run in Node against a feed on 127.0.0.1, through our adapter (updater-adapter.ts) and the update
 * service. electron-updater loads without Electron: it requires `electron` only for its default app
 * adapter and HTTP executor, and this test passes its own (AppAdapter, a node:http executor).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronUpdater from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../common/update-types';
import { createManualClock } from '../services/history/testing/test-support';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { createFakeReplies } from '../services/updates/testing/fake-replies';
import { createUpdateService } from '../services/updates/update-service';
import {
  FEED_FILE_NAME,
  GITHUB_REPO,
  type LoopbackFeed,
  NodeHttpExecutor,
  sha512Base64,
  startLoopbackFeed,
} from './testing/loopback-update-feed';
import { lazyElectronUpdater } from './updater-adapter';

const { AppImageUpdater } = electronUpdater;

let dir = '';
let feed: LoopbackFeed;
const savedAppImage = process.env.APPIMAGE;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-updates-'));
  feed = await startLoopbackFeed('2.0.0');
  // The running "AppImage" (AppImageUpdater is active only with $APPIMAGE set).
  process.env.APPIMAGE = join(dir, 'Switchboard-1.0.0.AppImage');
  await writeFile(process.env.APPIMAGE, 'old build');
});
afterEach(async () => {
  await feed.close();
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
  await rm(dir, { recursive: true, force: true });
});

/**
 * A real AppImageUpdater configured by an app-update.yml naming the loopback feed, as the app's is:
 * the generic provider, or the GitHub provider the app uses (`publish: github`), pointed at the
 * loopback host as GitHub Enterprise would be (`host`, `protocol`).
 */
async function realUpdater(currentVersion = '1.0.0', provider: 'generic' | 'github' | 'none' = 'generic') {
  const configPath = join(dir, 'app-update.yml');
  const { host } = new URL(feed.url);
  const [owner, repo] = GITHUB_REPO.split('/');
  // 'none': a build made without a feed (electron-builder.yml: no `repository`, `--publish never`)
  // ships no app-update.yml at all.
  if (provider !== 'none')
    await writeFile(
      configPath,
      provider === 'generic'
        ? `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: switchboard-updater\n`
        : `provider: github\nowner: ${owner}\nrepo: ${repo}\nhost: ${host}\nprotocol: http\nupdaterCacheDirName: switchboard-updater\n`,
    );
  const cacheBase = join(dir, 'cache');
  await mkdir(cacheBase);
  const updater = new AppImageUpdater(null, {
    version: currentVersion,
    name: 'Switchboard',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: join(dir, 'userData'),
    baseCachePath: cacheBase,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  // Test-only seams: Node's HTTP instead of Electron's `net`; no differential download (it needs a
  // block map embedded in a real AppImage). AppUpdater.createProviderRuntimeOptions reads the platform
  // from `_testOnlyOptions`, so the feed file is latest-linux.yml on any machine.
  Object.assign(updater, {
    httpExecutor: new NodeHttpExecutor(),
    _testOnlyOptions: { platform: 'linux', isUseDifferentialDownload: false },
  });
  updater.disableDifferentialDownload = true;
  return { updater, cacheDir: join(cacheBase, 'switchboard-updater') };
}

/** The update service over the real updater, through the app's own lazy adapter (as main/index.ts builds it). */
function serviceOver(updater: InstanceType<typeof AppImageUpdater>) {
  const log = createMemoryLogger('updates');
  const service = createUpdateService({
    updater: lazyElectronUpdater(log, async () => updater),
    automaticChecks: () => true,
    activeReplies: createFakeReplies(),
    snapshotBeforeUpdate: async () => {},
    scheduler: createManualClock().scheduler,
    log,
  });
  const states: UpdateStatus['state'][] = [];
  const percents: number[] = [];
  service.onStatus((s) => {
    if (states.at(-1) !== s.state) states.push(s.state);
    if (s.state === 'downloading') percents.push(s.percent);
  });
  return { service, states, percents, log };
}

describe('electron-updater against a loopback feed, through the adapter and the update service', () => {
  it('finds the newer version in latest-linux.yml, downloads it with progress and checks its sha512', async () => {
    const { updater, cacheDir } = await realUpdater();
    const { service, states, percents } = serviceOver(updater);
    const status = await service.checkNow();
    expect(status).toEqual({
      state: 'downloaded',
      version: '2.0.0',
    });
    expect(states).toEqual(['checking', 'available', 'downloading', 'downloaded']);
    expect(percents.at(-1)).toBe(100);
    // The service's own 0, then electron-updater's download-progress (ProgressCallbackTransform emits
    // at most once a second and at the end, so a fast loopback download may report only its 100).
    expect(percents[0]).toBe(0);
    expect(feed.requests).toEqual(['/latest-linux.yml', `/${FEED_FILE_NAME}`]);
    // The downloaded file is the feed's, byte for byte.
    const files = await readdir(join(cacheDir, 'pending'));
    expect(files).toContain(FEED_FILE_NAME);
    const { readFile } = await import('node:fs/promises');
    expect(sha512Base64(await readFile(join(cacheDir, 'pending', FEED_FILE_NAME)))).toBe(
      sha512Base64(feed.file),
    );
    // autoDownload and autoInstallOnAppQuit stay off: the service decides.
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('through the GitHub provider: releases feed, latest tag, latest-linux.yml and the asset', async () => {
    const { updater, cacheDir } = await realUpdater('1.0.0', 'github');
    const { service } = serviceOver(updater);
    expect(await service.checkNow()).toMatchObject({ state: 'downloaded', version: '2.0.0' });
    const download = `/${GITHUB_REPO}/releases/download/v2.0.0`;
    expect(feed.requests).toEqual([
      `/${GITHUB_REPO}/releases.atom`,
      `/api/v3/repos/${GITHUB_REPO}/releases/latest`,
      `${download}/latest-linux.yml`,
      `${download}/${FEED_FILE_NAME}`,
    ]);
    const { readFile } = await import('node:fs/promises');
    expect(sha512Base64(await readFile(join(cacheDir, 'pending', FEED_FILE_NAME)))).toBe(
      sha512Base64(feed.file),
    );
  });

  it('through the GitHub provider, a wrong sha512 is caught the same way', async () => {
    feed.wrongSha512 = true;
    const { updater } = await realUpdater('1.0.0', 'github');
    const { service } = serviceOver(updater);
    expect(await service.checkNow()).toMatchObject({ state: 'error', problem: 'checksum-mismatch' });
  });

  it('says it is up to date when the feed has the running version', async () => {
    const { updater } = await realUpdater('2.0.0');
    const { service } = serviceOver(updater);
    expect(await service.checkNow()).toEqual({
      state: 'not-available',
    });
    expect(feed.requests).toEqual(['/latest-linux.yml']);
  });

  it('deletes a download whose sha512 differs from the feed and says so', async () => {
    feed.wrongSha512 = true;
    const { updater, cacheDir } = await realUpdater();
    const { service, log } = serviceOver(updater);
    const status = await service.checkNow();
    expect(status).toEqual({
      state: 'error',
      problem: 'checksum-mismatch',
    });
    const pending = await readdir(join(cacheDir, 'pending')).catch(() => []);
    expect(pending.filter((f) => f.endsWith('.AppImage'))).toEqual([]);
    expect(
      log.lines.some((l) => l.includes('ERR_CHECKSUM_MISMATCH') || l.includes('checksum mismatch')),
    ).toBe(true);
  });

  it('an AppImage build run without $APPIMAGE says it cannot update itself, and asks nothing', async () => {
    delete process.env.APPIMAGE;
    const { updater } = await realUpdater();
    const { service } = serviceOver(updater);
    expect(await service.checkNow()).toMatchObject({ state: 'unavailable', reason: 'unsupported-package' });
    expect(feed.requests).toEqual([]);
  });

  it('a build without app-update.yml says updates are not configured, asks nothing and stops checking', async () => {
    const { updater } = await realUpdater('1.0.0', 'none');
    const { service, states, log } = serviceOver(updater);
    expect(await service.checkNow()).toEqual({ state: 'unavailable', reason: 'not-configured' });
    expect(states).not.toContain('error');
    // Asked again ("Check for updates", or the daily check): electron-updater is not called again.
    expect(await service.checkNow()).toEqual({ state: 'unavailable', reason: 'not-configured' });
    expect(feed.requests).toEqual([]);
    expect(log.lines.filter((l) => l.includes('update check failed'))).toEqual([]);
  });

  it('reports the feed down with what to do', async () => {
    feed.down = true;
    const { updater } = await realUpdater();
    const { service } = serviceOver(updater);
    const status = await service.checkNow();
    expect(status).toMatchObject({ state: 'error', problem: 'feed-unavailable' });
  });

  it('reports an unreachable server as offline', async () => {
    const { updater } = await realUpdater();
    await feed.close();
    // Nothing listens there any more: ECONNREFUSED (GenericProvider retries it three times, 0+1+2 s).
    const { service } = serviceOver(updater);
    const status = await service.checkNow();
    expect(status).toMatchObject({ state: 'error', problem: 'offline' });
    feed = await startLoopbackFeed('2.0.0');
  }, 15_000);
});
