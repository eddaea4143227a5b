import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir, openStore } from '../testing/test-support';
import { sha256Hex } from './attachment-files';
import { ConversationFileV3Schema, CURRENT_FORMAT_VERSION } from './conversation-file';
import { layoutFor } from './layout';
import {
  conversationFormats,
  decodeConversationText,
  decodeVersioned,
  type FormatRegistry,
  upgradeStep,
} from './migrations';

/**
 * Golden fixtures: every format version ever written has files under history/fixtures/v<N>/, committed
 * once and never regenerated. Each must keep loading in every later version.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

async function allFixtures(): Promise<Array<{ version: number; name: string; text: string }>> {
  const out = [];
  for (const dir of await fs.readdir(FIXTURES)) {
    const version = Number(/^v(\d+)$/.exec(dir)?.[1]);
    if (!version) continue;
    for (const name of (await fs.readdir(join(FIXTURES, dir))).filter((n) => n.endsWith('.json'))) {
      out.push({ version, name, text: await fs.readFile(join(FIXTURES, dir, name), 'utf8') });
    }
  }
  return out;
}

const fixtureId = (text: string) => (JSON.parse(text) as { conversation: { id: string } }).conversation.id;

describe('golden fixtures', () => {
  it('exist for every format version up to the current one', async () => {
    const versions = new Set((await allFixtures()).map((f) => f.version));
    for (let v = 1; v <= CURRENT_FORMAT_VERSION; v++) expect(versions.has(v), `fixtures/v${v}`).toBe(true);
  });

  it('each decode in the current version', async () => {
    for (const f of await allFixtures()) {
      const result = decodeConversationText(f.text, fixtureId(f.text));
      expect(result.kind, `v${f.version}/${f.name}`).toBe('ok');
      if (result.kind === 'ok') expect(result.fromVersion).toBe(f.version);
    }
  });

  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  it('all load through the store, every message intact, and are searchable', async () => {
    const fixtures = await allFixtures();
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    for (const f of fixtures) await fs.writeFile(layout.conversationFile(fixtureId(f.text)), f.text);
    const { store, quarantined } = await openStore(dir);
    expect(quarantined).toEqual([]);
    expect(store.list({ limit: 100 }).total).toBe(fixtures.length);
    for (const f of fixtures) {
      const original = JSON.parse(f.text) as {
        conversation: { id: string; title: string };
        messages: Array<{ id: string; content: string; status: string }>;
      };
      const id = original.conversation.id;
      expect(store.get(id)?.title).toBe(original.conversation.title);
      // Every message of every branch (a file before version 3 is one branch).
      const { messages } = await store.tree(id);
      expect(messages.map((m) => [m.id, m.content])).toEqual(original.messages.map((m) => [m.id, m.content]));
      // A checkpoint from a crashed session becomes an interrupted reply with its text.
      expect(messages.map((m) => m.status)).toEqual(
        original.messages.map((m) => (m.status === 'streaming' ? 'interrupted' : m.status)),
      );
    }
    await store.whenSearchReady();
    const hit = (await store.search('東京')).hits[0];
    expect(hit?.conversationId).toBe('fx-unicode');
    expect((await store.search('write-ahead logging')).hits[0]?.messageId).toBe('a1');
    await store.close();
  });

  it('the streaming checkpoint is settled on disk as interrupted, and nothing else is rewritten', async () => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    const fixtures = await allFixtures();
    for (const f of fixtures) await fs.writeFile(layout.conversationFile(fixtureId(f.text)), f.text);
    const { store } = await openStore(dir, { buildSearchIndex: false });
    await store.close();
    for (const f of fixtures) {
      const now = await fs.readFile(layout.conversationFile(fixtureId(f.text)), 'utf8');
      if (f.text.includes('"streaming"')) {
        expect(now).toContain('"interrupted"');
        expect(now).not.toContain('"streaming"');
      } else {
        expect(now, f.name).toBe(f.text);
      }
    }
  });
});

describe('version 2 fixtures', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  const copyIn = async (...names: string[]) => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    for (const name of names)
      await fs.copyFile(
        join(FIXTURES, 'v2', name),
        layout.conversationFile(fixtureId(await fs.readFile(join(FIXTURES, 'v2', name), 'utf8'))),
      );
  };

  it('show attachments whose files are not here as missing, and the others as stored', async () => {
    await copyIn('attachments.json');
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
    ]);
    await fs.mkdir(join(dir, 'attachments'), { recursive: true });
    await fs.writeFile(join(dir, 'attachments', sha256Hex(png)), png);
    const { store } = await openStore(dir, { buildSearchIndex: false, sweepAttachments: false });
    const [user] = await store.allMessages('fx-attachments');
    expect(user?.attachments?.map((a) => [a.kind, a.missing ?? false])).toEqual([
      ['image', false],
      ['pdf', true],
      ['text', true],
      ['audio', true],
      ['audio', true],
    ]);
    expect(user?.attachments?.[0]).toMatchObject({
      size: { width: 1, height: 1 },
      resizedFrom: { width: 9000 },
    });
    expect(await store.attachmentBytes(sha256Hex(png))).toEqual(png);
    await store.close();
  });

  it("keep a reply's file annotations for requests and out of the window", async () => {
    await copyIn('reply-image-annotations.json');
    const { store } = await openStore(dir, { buildSearchIndex: false, sweepAttachments: false });
    const messages = await store.allMessages('fx-reply-image');
    expect(messages[1]).not.toHaveProperty('fileAnnotations');
    expect(messages[1]?.images?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const transcript = await store.transcript('fx-reply-image');
    expect(transcript[1]?.fileAnnotations?.[0]).toMatchObject({ type: 'file', file: { name: 'cats.pdf' } });
    expect(transcript[0]?.attachments?.[0]?.name).toBe('cats.pdf');
    await store.close();
  });
});

describe('version 3 fixtures (trees)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    for (const name of await fs.readdir(join(FIXTURES, 'v3'))) {
      const text = await fs.readFile(join(FIXTURES, 'v3', name), 'utf8');
      await fs.writeFile(layout.conversationFile(fixtureId(text)), text);
    }
  });
  afterEach(() => cleanup());

  const branches = (messages: Array<{ id: string; branch?: { index: number; count: number } }>) =>
    messages.map((m) => (m.branch ? `${m.id} ${m.branch.index + 1}/${m.branch.count}` : m.id));

  it('a regenerated reply: the newer version is shown with what followed it, the older one is kept', async () => {
    const { store, quarantined } = await openStore(dir, { buildSearchIndex: false });
    expect(quarantined).toEqual([]);
    expect(branches(await store.allMessages('fx-regenerated'))).toEqual(['u1', 'a2 2/2', 'u2', 'a3']);
    expect(store.get('fx-regenerated')?.messageCount).toBe(4);
    expect((await store.transcript('fx-regenerated')).map((m) => m.id)).toEqual(['u1', 'a2', 'u2', 'a3']);
    expect(await store.switchBranch('fx-regenerated', 'a1')).toEqual({ leafId: 'a1' });
    expect(branches(await store.allMessages('fx-regenerated'))).toEqual(['u1', 'a1 1/2']);
    await store.close();
  });

  it('an edited user message: the file says which version is shown, each keeps its own continuation', async () => {
    const { store } = await openStore(dir, { buildSearchIndex: false });
    expect(branches(await store.allMessages('fx-edited'))).toEqual(['u1', 'a1', 'u2 1/2', 'a2']);
    expect(await store.switchBranch('fx-edited', 'u3')).toEqual({ leafId: 'a3' });
    expect(branches(await store.allMessages('fx-edited'))).toEqual(['u1', 'a1', 'u3 2/2', 'a3']);
    await store.close();
  });

  it('a compare: three sibling replies, the conversation going on from the second', async () => {
    const { store } = await openStore(dir, { buildSearchIndex: false });
    const shown = await store.allMessages('fx-compare');
    expect(branches(shown)).toEqual(['u1', 'a2 2/3', 'u2', 'a4']);
    expect(shown[1]?.branch?.siblingIds).toEqual(['a1', 'a2', 'a3']);
    expect((await store.tree('fx-compare')).messages).toHaveLength(6);
    await store.close();
  });
});

describe('version registry', () => {
  it('refuses files from a newer version and files without a version', () => {
    expect(decodeVersioned({ formatVersion: CURRENT_FORMAT_VERSION + 1 }, conversationFormats)).toEqual({
      kind: 'newer',
      version: CURRENT_FORMAT_VERSION + 1,
    });
    expect(decodeVersioned({ formatVersion: '1' }, conversationFormats).kind).toBe('invalid');
    expect(decodeVersioned({ formatVersion: 0 }, conversationFormats).kind).toBe('invalid');
    expect(decodeVersioned(null, conversationFormats).kind).toBe('invalid');
  });

  it('upgrades versions 1 and 2 to single-branch trees: each message follows the one before, the last is shown', async () => {
    const old = (await allFixtures()).filter((f) => f.version < 3);
    expect(old.map((f) => f.version)).toEqual(expect.arrayContaining([1, 2]));
    for (const f of old) {
      const raw = JSON.parse(f.text) as { messages: Array<{ id: string }> };
      const result = decodeConversationText(f.text, fixtureId(f.text));
      expect(result).toEqual({
        kind: 'ok',
        fromVersion: f.version,
        value: {
          ...raw,
          formatVersion: 3,
          messages: raw.messages.map((m, i) => ({ ...m, parentId: raw.messages[i - 1]?.id ?? null })),
          activeLeafId: raw.messages.at(-1)?.id ?? null,
        },
      });
    }
  });

  it('chains upgrade steps: adding the next version is one function', async () => {
    // A hypothetical v4 that renames `title` to `name` and adds `pinned`, to prove the mechanism:
    // older files go through every step, version 3 files through the new one.
    const V4 = z.object({
      formatVersion: z.literal(4),
      conversation: z.object({ id: z.string(), name: z.string(), pinned: z.boolean() }),
      messages: z.array(z.unknown()),
    });
    const registry: FormatRegistry<z.infer<typeof V4>> = {
      current: 4,
      currentSchema: V4,
      upgrades: {
        ...conversationFormats.upgrades,
        3: upgradeStep(ConversationFileV3Schema, (v3) => ({
          formatVersion: 4,
          conversation: { id: v3.conversation.id, name: v3.conversation.title, pinned: false },
          messages: v3.messages,
        })),
      },
    };
    for (const f of await allFixtures()) {
      const result = decodeVersioned(JSON.parse(f.text), registry);
      expect(result.kind, f.name).toBe('ok');
      if (result.kind === 'ok') {
        expect(result.fromVersion).toBe(f.version);
        expect(result.value.conversation.pinned).toBe(false);
      }
    }
    const broken = decodeVersioned({ formatVersion: 1, conversation: {} }, registry);
    expect(broken).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('not a valid format 1 file'),
    });
  });
});
