import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { notOwnerOnly } from './helpers/file-modes';
import { assertNoKeyLeak, assertNoKeyOnDisk } from './helpers/key-leak';
import { pickModel, sendMessage, ui, waitForCompleteReply } from './helpers/ui';

// The usual umask, under which history was written 0644 in 0755 folders (the harness runs in this
// worker process, so main's services see it too).
let previousUmask = 0;
test.beforeAll(() => {
  previousUmask = process.umask(0o022);
});
test.afterAll(() => {
  process.umask(previousUmask);
});

// After search, export and import: no part of the key in the page or in any file written (exports too).
test.afterEach(async ({ app, harness, consoleLines }) => {
  const key = harness.emulator?.defaultKey;
  if (!key) return;
  await assertNoKeyLeak(app, key, consoleLines, { heap: false });
  await harness.services.history.flush();
  await assertNoKeyOnDisk(harness.dataDir, key);
});

/** Search, export and import through the real history service, driven from the chat window. */
test.describe('history features', () => {
  test.beforeEach(async ({ harness }) => {
    const conversation = await harness.services.history.create({ model: 'openai/gpt-4o-mini' });
    await harness.services.history.appendUserMessage(conversation.id, 'How do I bake sourdough bread?');
    const reply = await harness.services.history.beginReply(conversation.id, { model: 'openai/gpt-4o-mini' });
    await harness.services.history.finishReply(conversation.id, reply.id, {
      status: 'complete',
      content: 'Feed the starter, mix flour and water, then let the dough ferment overnight.',
    });
    await harness.services.history.whenSearchReady();
  });

  test('finds a word in any conversation, highlights it and opens the conversation', async ({ app }) => {
    await app.reload();
    await app.getByRole('searchbox', { name: 'Search conversations' }).fill('ferment');
    const results = app.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('button').first();
    await expect(hit).toContainText('How do I bake sourdough bread?');
    await expect(hit.locator('mark')).toHaveText(/ferment/i);
    await hit.click();
    await expect(app.getByRole('article', { name: 'assistant message' })).toContainText('ferment overnight');
  });

  test('exports everything as JSON and imports it back, detecting duplicates', async ({ app, harness }) => {
    await app.reload();
    await app.getByRole('button', { name: 'Export all as JSON' }).click();
    await expect(app.getByText(/Exported all conversations to switchboard-history\.json/)).toBeVisible();
    const exported = join(harness.exportDir, 'switchboard-history.json');
    const text = await readFile(exported, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'switchboard-export' });
    expect(text).toContain('ferment overnight');

    // The same file again: nothing new, one duplicate.
    harness.importFile = exported;
    await app.getByRole('button', { name: 'Import…' }).click();
    await expect(app.getByText('Imported 0 conversations, skipped 1 already here.')).toBeVisible();

    // A malformed file: a clear message, nothing imported.
    const bad = join(harness.dataDir, 'not-an-export.json');
    await writeFile(bad, '{"hello": 1}');
    harness.importFile = bad;
    await app.getByRole('button', { name: 'Import…' }).click();
    await expect(app.getByRole('region', { name: 'Notifications' })).toContainText(/export/i);
    expect(harness.services.history.list({ limit: 10 }).total).toBe(1);
  });

  test('exports one conversation as Markdown', async ({ app, harness }) => {
    await app.reload();
    await app.getByRole('button', { name: /Actions for How do I bake/ }).click();
    await app.getByRole('menuitem', { name: 'Export as Markdown' }).click();
    await expect(app.getByText(/Exported to switchboard-.*\.md/)).toBeVisible();
    const [conversation] = harness.services.history.list({ limit: 1 }).items;
    const markdown = await readFile(join(harness.exportDir, `switchboard-${conversation?.id}.md`), 'utf8');
    expect(markdown).toContain('# How do I bake sourdough bread?');
    expect(markdown).toContain('ferment overnight');
  });
});

test.describe('files under the data directory', () => {
  test('are owner-only after a chat and an export: every file 0600, every folder 0700', async ({
    app,
    harness,
  }) => {
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    await sendMessage(app, 'Nobody else on this computer may read this.');
    await waitForCompleteReply(ui(app).replies.last());
    await app.getByRole('button', { name: 'Export all as JSON' }).click();
    await expect(app.getByText(/Exported all conversations to switchboard-history\.json/)).toBeVisible();
    await harness.services.sessions.settle();
    await harness.services.history.flush();

    const files = readdirSync(harness.dataDir, { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining([
        'settings.json',
        'vault.json',
        join('history', 'index.json'),
        join('exports', 'switchboard-history.json'),
      ]),
    );
    expect(files.some((f) => f.startsWith(join('history', 'conversations', '')))).toBe(true);
    expect(await notOwnerOnly(harness.dataDir)).toEqual([]);
  });
});

test.describe('an unreadable conversation file', () => {
  // Written as an earlier version (and the umask) left things: 0755 folders, 0644 files.
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-quarantine-'));
  mkdirSync(join(dataDir, 'history', 'conversations'), { recursive: true });
  writeFileSync(
    join(dataDir, 'history', 'conversations', 'broken.json'),
    '{"formatVersion": 1, "conversation": {',
  );
  for (const dir of [dataDir, join(dataDir, 'history'), join(dataDir, 'history', 'conversations')]) {
    chmodSync(dir, 0o755);
  }
  chmodSync(join(dataDir, 'history', 'conversations', 'broken.json'), 0o644);
  test.use({ harnessOptions: { withKey: true, dataDir } });

  test('is quarantined, not deleted, and the sidebar says where it is', async ({ app }) => {
    const nav = app.getByRole('navigation', { name: 'Conversations' });
    await expect(nav).toContainText(/could not be opened/i);
    await expect(nav).toContainText('quarantine');
    const moved = readdirSync(join(dataDir, 'history', 'quarantine'));
    expect(moved.some((f) => f.startsWith('broken'))).toBe(true);
    // What the earlier version left open is owner-only now, the quarantined file and its note too.
    expect(await notOwnerOnly(dataDir)).toEqual([]);
  });
});
