import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir, openStore } from '../testing/test-support';
import { ConversationFileV1Schema, CURRENT_FORMAT_VERSION } from './conversation-file';
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
      const messages = await store.allMessages(id);
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

  it('chains upgrade steps: adding version 2 is one function', async () => {
    // A hypothetical v2 that renames `title` to `name` and adds `pinned`, to prove the mechanism.
    const V2 = z.object({
      formatVersion: z.literal(2),
      conversation: z.object({ id: z.string(), name: z.string(), pinned: z.boolean() }),
      messages: z.array(z.unknown()),
    });
    const registry: FormatRegistry<z.infer<typeof V2>> = {
      current: 2,
      currentSchema: V2,
      upgrades: {
        1: upgradeStep(ConversationFileV1Schema, (v1) => ({
          formatVersion: 2,
          conversation: { id: v1.conversation.id, name: v1.conversation.title, pinned: false },
          messages: v1.messages,
        })),
      },
    };
    for (const f of await allFixtures()) {
      const result = decodeVersioned(JSON.parse(f.text), registry);
      expect(result.kind, f.name).toBe('ok');
      if (result.kind === 'ok') {
        expect(result.fromVersion).toBe(1);
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
