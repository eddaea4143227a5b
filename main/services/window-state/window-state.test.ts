import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVisibleOn, loadWindowState, saveWindowState } from './window-state';

const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('round-trips a position that is on a display', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-ws-'));
    const state = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    await saveWindowState(dir, state);
    expect(await loadWindowState(dir, [display])).toEqual(state);
  });

  it('forgets a position on a display that is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-ws-'));
    await saveWindowState(dir, { x: 2500, y: 100, width: 800, height: 600, maximized: false });
    expect(await loadWindowState(dir, [display])).toBeNull();
  });

  it('ignores a damaged or invalid file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-ws-'));
    await writeFile(join(dir, 'window-state.json'), '{"x": "left"}');
    expect(await loadWindowState(dir, [display])).toBeNull();
    expect(await loadWindowState(join(dir, 'missing'), [display])).toBeNull();
  });

  it('requires the title area to be reachable', () => {
    expect(isVisibleOn({ x: 100, y: -40, width: 800, height: 600 }, [display])).toBe(false);
    expect(isVisibleOn({ x: -700, y: 10, width: 800, height: 600 }, [display])).toBe(false);
    expect(isVisibleOn({ x: 10, y: 10, width: 800, height: 600 }, [display])).toBe(true);
  });
});
