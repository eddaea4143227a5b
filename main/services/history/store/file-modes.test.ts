import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, openStore } from '../testing/test-support';
import { writeExportFile } from '../transfer/export-files';
import type { HistoryStore } from '../types';
import { layoutFor } from './layout';

/**
 * History holds everything the person wrote and received: on POSIX its files are 0600 and its
 * folders 0700 whatever the umask, and a folder left by an earlier version (0755/0644) is made
 * private when the store opens. Windows has no POSIX modes (its ACLs come from the profile folder).
 */
const posix = process.platform !== 'win32';

async function modesUnder(root: string): Promise<{ files: string[]; dirs: string[] }> {
  const out = { files: [] as string[], dirs: [] as string[] };
  const rootMode = (await fs.stat(root)).mode & 0o777;
  out.dirs.push(`. ${rootMode.toString(8)}`);
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = ((await fs.lstat(path)).mode & 0o777).toString(8);
    if (entry.isDirectory()) out.dirs.push(`${relative(root, path)} ${mode}`);
    else if (entry.isFile()) out.files.push(`${relative(root, path)} ${mode}`);
  }
  return out;
}

function expectPrivate({ files, dirs }: { files: string[]; dirs: string[] }): void {
  expect(
    files.filter((f) => !f.endsWith(' 600')),
    'files that are not 0600',
  ).toEqual([]);
  expect(
    dirs.filter((d) => !d.endsWith(' 700')),
    'folders that are not 0700',
  ).toEqual([]);
}

describe.skipIf(!posix)('history file modes under umask 022', () => {
  let previousUmask = 0;
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: HistoryStore | null = null;

  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    await store?.close();
    store = null;
    await cleanup();
  });

  it('writes conversations, the index, the session marker, the trash and quarantine private', async () => {
    const root = join(dir, 'history');
    ({ store } = await openStore(root, { buildSearchIndex: false }));
    const a = await store.create({ model: 'm' });
    await store.appendUserMessage(a.id, 'private words');
    const reply = await store.beginReply(a.id, { model: 'm' });
    store.checkpointReply(a.id, reply.id, { content: 'partial', reasoning: '' });
    await store.finishReply(a.id, reply.id, { status: 'complete', content: 'done' });
    await store.rename(a.id, 'Renamed');
    const b = await store.create({ model: null });
    await store.remove(b.id);
    await store.flush();
    // A damaged file (say, copied in by hand with the umask's 0644) goes to quarantine, still private.
    await fs.writeFile(join(layoutFor(root).conversations, 'broken.json'), '{"formatVersion": 1,');
    await store.close();
    ({ store } = await openStore(root, { buildSearchIndex: false }));
    await store.flush();

    const modes = await modesUnder(root);
    expect(modes.files.some((f) => f.startsWith('quarantine/broken'))).toBe(true);
    expect(modes.files.some((f) => f.startsWith('trash/'))).toBe(true);
    expect(modes.files).toEqual(expect.arrayContaining([expect.stringMatching(/^index\.json /)]));
    expect(modes.files).toEqual(expect.arrayContaining([expect.stringMatching(/^session\.json /)]));
    expectPrivate(modes);
  });

  it('makes a history folder left by an earlier version (0755 folders, 0644 files) private on open', async () => {
    const root = join(dir, 'history');
    ({ store } = await openStore(root, { buildSearchIndex: false }));
    const a = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'written by an older Switchboard');
    const b = await store.create({ model: null });
    await store.remove(b.id);
    await store.close();
    store = null;
    // What an earlier version left: everything as the umask made it.
    for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      await fs.chmod(path, entry.isDirectory() ? 0o755 : 0o644);
    }
    await fs.writeFile(join(root, 'quarantine', 'old.note.txt'), 'an old note\n', { mode: 0o644 });
    await fs.chmod(root, 0o755);

    ({ store } = await openStore(root, { buildSearchIndex: false }));
    expectPrivate(await modesUnder(root));
    expect((await store.messages(a.id, { limit: 10 })).messages.map((m) => m.content)).toEqual([
      'written by an older Switchboard',
    ]);
  });

  it('writes exports 0600', async () => {
    const file = join(dir, 'switchboard-history.json');
    await writeExportFile(file, '{}');
    expect(((await fs.stat(file)).mode & 0o777).toString(8)).toBe('600');
  });
});
