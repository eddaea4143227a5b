import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createSettingsStore } from './settings-store';

const tmp = () => mkdtemp(join(tmpdir(), 'sb-settings-'));

describe('settings store', () => {
  it('starts with defaults and persists updates across restarts', async () => {
    const dir = await tmp();
    const a = createSettingsStore({ dir, log: createMemoryLogger() });
    expect(await a.init()).toEqual(DEFAULT_SETTINGS);
    await a.update({ theme: 'dark', systemPrompt: 'Be brief.' });
    const b = createSettingsStore({ dir, log: createMemoryLogger() });
    expect(await b.init()).toMatchObject({ theme: 'dark', systemPrompt: 'Be brief.' });
  });

  it('refuses invalid values and keeps the old ones', async () => {
    const dir = await tmp();
    const s = createSettingsStore({ dir, log: createMemoryLogger() });
    await s.init();
    await expect(s.update({ temperature: 7 })).rejects.toMatchObject({ error: { code: 'validation' } });
    expect(s.get().temperature).toBeNull();
  });

  it('keeps valid fields of a partly invalid file', async () => {
    const dir = await tmp();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ formatVersion: 1, settings: { theme: 'light', temperature: 'hot' } }),
    );
    const s = createSettingsStore({ dir, log: createMemoryLogger() });
    expect(await s.init()).toMatchObject({ theme: 'light', temperature: null });
  });

  it('moves an unreadable file aside instead of deleting it', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'settings.json'), '{ not json');
    const s = createSettingsStore({ dir, log: createMemoryLogger(), now: () => new Date(1000) });
    expect(await s.init()).toEqual(DEFAULT_SETTINGS);
    const files = await readdir(dir);
    expect(files).toContain('settings.json.unreadable-1000');
    expect(await readFile(join(dir, 'settings.json.unreadable-1000'), 'utf8')).toBe('{ not json');
  });

  it('keeps the recent models list ordered and bounded', async () => {
    const dir = await tmp();
    const s = createSettingsStore({ dir, log: createMemoryLogger() });
    await s.init();
    for (let i = 0; i < 25; i++) await s.noteModelUsed(`m/${i}`);
    await s.noteModelUsed('m/3');
    expect(s.get().recentModels[0]).toBe('m/3');
    expect(s.get().recentModels).toHaveLength(20);
    expect(new Set(s.get().recentModels).size).toBe(20);
  });
});
