import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { englishErrorText } from '../../../../common/i18n/error-messages';
import { makeTempDir, openStore } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { type ConversationFile, serializeConversationFile } from './conversation-file';
import { repairTree, visiblePath } from './conversation-tree';
import { layoutFor } from './layout';

/**
 * A damaged tree (edited by hand, written by a buggy build) never crashes and loses nothing: it is
 * repaired in memory, the file as it was is copied into quarantine/ with a note, the person is told
 * ("Repaired: …"), and the repaired tree is written with the next change.
 */

const message = (id: string, parentId: string | null | undefined, content = `text of ${id}`) => ({
  id,
  ...(parentId === undefined ? {} : { parentId }),
  role: id.startsWith('u') ? ('user' as const) : ('assistant' as const),
  content,
  reasoning: '',
  createdAt: '2026-12-01T10:00:00.000Z',
  model: null,
  status: 'complete' as const,
  error: null,
  usage: null,
  finishReason: null,
  generationId: null,
});

function file(
  id: string,
  messages: ReturnType<typeof message>[],
  activeLeafId: string | null | undefined,
): ConversationFile {
  return {
    formatVersion: 3,
    conversation: {
      id,
      title: `Damaged ${id}`,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      model: null,
    },
    messages,
    ...(activeLeafId === undefined ? {} : { activeLeafId }),
  };
}

describe('repairTree', () => {
  it('leaves a valid tree alone', () => {
    const doc = file('c', [message('u1', null), message('a1', 'u1'), message('a2', 'u1')], 'a1');
    expect(repairTree(doc)).toEqual([]);
    expect(visiblePath(doc).map((m) => m.id)).toEqual(['u1', 'a1']);
  });

  it('re-attaches a message in a cycle, one naming itself, one naming nothing, one naming no parent', () => {
    const doc = file(
      'c',
      [
        message('u1', null),
        message('a1', 'a2'), // a later message: with a2 → a1, a cycle
        message('a2', 'a1'),
        message('u2', 'u2'),
        message('a3', 'ghost'),
        message('u3', undefined),
      ],
      'u3',
    );
    const repairs = repairTree(doc).map(englishErrorText);
    expect(repairs).toHaveLength(4);
    expect(repairs[0]).toMatch(/"a1".*came after it \(a loop\).*"u1"/);
    expect(repairs[1]).toMatch(/"u2".*was itself/);
    expect(repairs[2]).toMatch(/"a3".*"ghost" does not exist/);
    expect(doc.messages.map((m) => m.parentId)).toEqual([null, 'u1', 'a1', 'a2', 'u2', 'a3']);
    expect(visiblePath(doc).map((m) => m.id)).toEqual(['u1', 'a1', 'a2', 'u2', 'a3', 'u3']);
  });

  it('shows the last message when the leaf names nothing or is missing', () => {
    const dangling = file('c', [message('u1', null), message('a1', 'u1')], 'ghost');
    expect(repairTree(dangling).map(englishErrorText)).toEqual([
      expect.stringContaining('"ghost") does not exist'),
    ]);
    expect(dangling.activeLeafId).toBe('a1');
    const missing = file('c', [message('u1', null)], undefined);
    expect(repairTree(missing)).toHaveLength(1);
    expect(missing.activeLeafId).toBe('u1');
    const empty = file('c', [], undefined);
    expect(repairTree(empty)).toEqual([]);
    expect(empty.activeLeafId).toBeNull();
  });
});

describe('a damaged conversation file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  const stores: HistoryStore[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await cleanup();
  });

  const place = async (doc: ConversationFile) => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    const text = serializeConversationFile(doc);
    await fs.writeFile(layout.conversationFile(doc.conversation.id), text);
    return text;
  };

  const cases: Array<[string, ConversationFile, string[], RegExp]> = [
    [
      'a cycle',
      file('fx-cycle', [message('u1', null), message('a1', 'a2'), message('a2', 'a1')], 'a2'),
      ['u1', 'a1', 'a2'],
      /came after it \(a loop\)/,
    ],
    [
      'a missing parent',
      file('fx-orphan', [message('u1', null), message('a1', 'u1'), message('u2', 'gone')], 'u2'),
      ['u1', 'a1', 'u2'],
      /"gone" does not exist/,
    ],
    [
      'a leaf pointing to nothing',
      file('fx-leaf', [message('u1', null), message('a1', 'u1'), message('a2', 'u1')], 'nothing'),
      ['u1', 'a2'],
      /"nothing"\) does not exist/,
    ],
  ];

  it.each(cases)('with %s opens repaired, keeps the original and says so', async (_name, doc, path, why) => {
    const original = await place(doc);
    const id = doc.conversation.id;
    const later: QuarantineNotice[] = [];
    const { store, quarantined } = await openStore(dir, {
      buildSearchIndex: false,
      onQuarantine: (n) => later.push(n),
    });
    stores.push(store);
    // Reported at start (the file was read: no index yet), not quarantined: it is still in the list.
    expect(quarantined).toEqual([
      expect.objectContaining({
        conversationId: id,
        title: `Damaged ${id}`,
        reason: expect.stringMatching(why),
      }),
    ]);
    expect(quarantined[0]?.reason).toMatch(/^Repaired: /);
    expect(quarantined[0]?.kind).toBe('repaired');
    expect(store.get(id)).not.toBeNull();
    expect((await store.allMessages(id)).map((m) => m.id)).toEqual(path);
    expect((await store.tree(id)).messages).toHaveLength(doc.messages.length);
    // The copy beside its note, byte for byte the file as it was.
    const copy = quarantined[0]?.path ?? '';
    expect(copy.startsWith(layoutFor(dir).quarantine)).toBe(true);
    expect(await fs.readFile(copy, 'utf8')).toBe(original);
    const note = await fs.readFile(copy.replace(/\.json$/, '.note.txt'), 'utf8');
    expect(note).toContain('repaired');
    expect(note).toMatch(why);
    // Not rewritten by merely opening it; written repaired with the next change.
    const conversationFile = layoutFor(dir).conversationFile(id);
    expect(await fs.readFile(conversationFile, 'utf8')).toBe(original);
    await store.rename(id, 'Renamed');
    const rewritten = JSON.parse(await fs.readFile(conversationFile, 'utf8')) as ConversationFile;
    expect(repairTree(rewritten)).toEqual([]);
    expect(visiblePath(rewritten).map((m) => m.id)).toEqual(path);
    expect(store.quarantined()).toHaveLength(1);
    expect(later).toEqual([]);
  });

  it('first opened after start is reported through onQuarantine, once', async () => {
    const first = await openStore(dir, { buildSearchIndex: false, idFactory: () => 'fx-late' });
    await first.store.create({ model: null });
    await first.store.close();
    // Damaged while the app was closed; the index still lists it, so the start does not read it.
    await place(file('fx-late', [message('u1', null), message('a1', 'ghost')], 'a1'));
    const later: QuarantineNotice[] = [];
    const { store, quarantined } = await openStore(dir, {
      buildSearchIndex: false,
      onQuarantine: (n) => later.push(n),
    });
    stores.push(store);
    expect(quarantined).toEqual([]);
    expect((await store.allMessages('fx-late')).map((m) => m.parentId)).toEqual([null, 'u1']);
    expect(later).toEqual([expect.objectContaining({ conversationId: 'fx-late' })]);
    expect(later[0]?.reason).toMatch(/^Repaired: .*"ghost" does not exist/);
    await store.allMessages('fx-late');
    expect(store.quarantined()).toHaveLength(1);
  });
});
