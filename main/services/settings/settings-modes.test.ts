import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createSettingsStore } from './settings-store';

/**
 * The settings store creates the data directory (userData, or the harness's): on POSIX it and
 * settings.json are owner-only whatever the umask, including a directory an earlier version left 0755.
 */
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('settings file modes under umask 022', () => {
  let previousUmask = 0;
  const made: string[] = [];
  const tmp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-settings-modes-'));
    made.push(dir);
    return dir;
  };
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and writes settings.json 0600', async () => {
    const dir = join(await tmp(), 'profile');
    const s = createSettingsStore({ dir, log: createMemoryLogger() });
    await s.init();
    await s.update({ systemPrompt: 'Be brief.' });
    expect(await mode(dir)).toBe('700');
    expect(await mode(join(dir, 'settings.json'))).toBe('600');
  });

  it('makes a data directory and settings file left open by an earlier version owner-only', async () => {
    const dir = await tmp();
    await chmod(dir, 0o755);
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ formatVersion: 1, settings: { theme: 'dark' } }),
      {
        mode: 0o644,
      },
    );
    const s = createSettingsStore({ dir, log: createMemoryLogger() });
    expect(await s.init()).toMatchObject({ theme: 'dark' });
    expect(await mode(dir)).toBe('700');
    expect(await mode(join(dir, 'settings.json'))).toBe('600');
  });

  it('keeps an unreadable file it moves aside owner-only', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'settings.json'), '{ not json', { mode: 0o644 });
    const s = createSettingsStore({ dir, log: createMemoryLogger(), now: () => new Date(1000) });
    await s.init();
    expect(await readdir(dir)).toContain('settings.json.unreadable-1000');
    expect(await mode(join(dir, 'settings.json.unreadable-1000'))).toBe('600');
  });
});
