import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isOpenToOthers, tightenTree } from './private-files';

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('tightenTree', () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('makes folders 0700 and files 0600, and leaves what a symbolic link points at alone', async () => {
    const base = await mkdtemp(join(tmpdir(), 'sb-private-'));
    made.push(base);
    const root = join(base, 'history');
    const outside = join(base, 'elsewhere.txt');
    await mkdir(join(root, 'a', 'b'), { recursive: true, mode: 0o755 });
    await writeFile(join(root, 'a', 'b', 'c.json'), '{}', { mode: 0o644 });
    await writeFile(outside, 'not ours', { mode: 0o644 });
    await symlink(outside, join(root, 'link'));
    await chmod(root, 0o755);
    await chmod(join(root, 'a'), 0o755);
    await chmod(join(root, 'a', 'b'), 0o755);
    await chmod(outside, 0o644);
    expect(await isOpenToOthers(root)).toBe(true);

    expect(await tightenTree(root)).toEqual([]);
    expect(await mode(root)).toBe('700');
    expect(await mode(join(root, 'a'))).toBe('700');
    expect(await mode(join(root, 'a', 'b'))).toBe('700');
    expect(await mode(join(root, 'a', 'b', 'c.json'))).toBe('600');
    expect(await mode(outside)).toBe('644');
    expect(await isOpenToOthers(root)).toBe(false);
    expect(await isOpenToOthers(join(base, 'missing'))).toBe(false);
  });
});
