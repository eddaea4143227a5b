import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveWindowState } from './window-state';

describe.skipIf(process.platform === 'win32')('window state file mode under umask 022', () => {
  let previousUmask = 0;
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });

  it('writes window-state.json 0600, also over a 0644 file from an earlier version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-ws-modes-'));
    try {
      const file = join(dir, 'window-state.json');
      await writeFile(file, '{}', { mode: 0o644 });
      await saveWindowState(dir, { x: 0, y: 0, width: 800, height: 600, maximized: false });
      expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
