import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QuarantineNotice, QuarantineNoticeSchema } from '../../../../common/conversation-types';
import { AppErrorSchema, AppFailure } from '../../../../common/errors';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { formatWithNestedMessages, type MessageValues } from '../../../../common/i18n/nested-messages';
import { catalogIntl } from '../../i18n/catalog-intl';
import { makeTempDir, openStore } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { layoutFor } from './layout';

/**
 * Issue 20: why a conversation file was moved aside, and what a repair changed, are catalog messages
 * on the notice (and on the error a read raises), so each window words them in its language; `reason`
 * stays the English text for the logs and the note beside the file.
 */
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

const inLocale = (locale: DisplayLocale, id: string, values?: MessageValues) =>
  formatWithNestedMessages(catalogIntl(locale), id, values);
const reasonIn = (locale: DisplayLocale, n: QuarantineNotice) =>
  inLocale(locale, n.reasonId ?? '', n.reasonValues);

const conversation = (id: string, formatVersion: number, messages: unknown[], activeLeafId?: string) =>
  JSON.stringify({
    formatVersion,
    conversation: {
      id,
      title: `Title ${id}`,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      model: null,
    },
    messages,
    ...(activeLeafId === undefined ? {} : { activeLeafId }),
  });
const message = (id: string, parentId: string | null) => ({
  id,
  parentId,
  role: 'user',
  content: id,
  reasoning: '',
  createdAt: '2026-12-01T10:00:00.000Z',
  model: null,
  status: 'complete',
  error: null,
  usage: null,
  finishReason: null,
  generationId: null,
});

async function place(files: Record<string, string>): Promise<void> {
  const layout = layoutFor(dir);
  await fs.mkdir(layout.conversations, { recursive: true });
  for (const [id, text] of Object.entries(files)) await fs.writeFile(layout.conversationFile(id), text);
}

describe('quarantine notices in the interface language', () => {
  it('carry why as an errors.history message, worded in German; the English reason is unchanged', async () => {
    await place({
      garbage: '\u0000 not json',
      newer: conversation('newer', 7, []),
      repaired: conversation('repaired', 3, [message('u1', null), message('u2', 'ghost')], 'u2'),
    });
    const { store, quarantined } = await openStore(dir, { buildSearchIndex: false });
    stores.push(store);
    const byId = new Map(quarantined.map((n) => [n.conversationId, n]));
    for (const n of quarantined) expect(QuarantineNoticeSchema.parse(n)).toEqual(n);

    const garbage = byId.get('garbage') as QuarantineNotice;
    expect(garbage.reasonId).toBe('errors.history.fileUnusable');
    expect(garbage.reasonValues).toMatchObject({ why: 'notJson', moved: 'yes' });
    expect(garbage.reason).toMatch(/^it is not valid JSON \(.+\)\.$/);
    expect(reasonIn('en', garbage)).toBe(garbage.reason);
    expect(reasonIn('de', garbage)).toMatch(/^Die Datei ist kein gültiges JSON \(.+\)\.$/);

    const newer = byId.get('newer') as QuarantineNotice;
    expect(newer.reason).toBe(
      'it was written by a newer Switchboard (format version 7; this version reads up to 3). Update Switchboard to open it.',
    );
    expect(reasonIn('de', newer)).toBe(
      'Die Datei wurde von einer neueren Switchboard-Version geschrieben (Formatversion 7; diese Version liest bis 3). Aktualisieren Sie Switchboard, um sie zu öffnen.',
    );

    const repaired = byId.get('repaired') as QuarantineNotice;
    expect(repaired.kind).toBe('repaired');
    expect(repaired.reason).toBe(
      'Repaired: Message "u2": its parent "ghost" does not exist; it now follows the message before it ("u1"). Nothing was lost: every message is still in the conversation.',
    );
    expect(repaired.repairs).toEqual([
      {
        id: 'errors.history.repair.parentMissing',
        values: { message: 'u2', parent: 'ghost', first: 'no', previous: 'u1' },
      },
    ]);
    const [repair] = repaired.repairs ?? [];
    expect(inLocale('de', repair?.id ?? '', repair?.values)).toBe(
      'Nachricht „u2“: Ihre vorherige Nachricht „ghost“ existiert nicht; sie folgt jetzt auf die Nachricht davor („u1“).',
    );
    expect(reasonIn('de', repaired)).toBe(
      'Nichts ging verloren: Jede Nachricht ist noch in der Unterhaltung.',
    );
  });

  it('the error a read raises names why with the same values, worded in German', async () => {
    const first = await openStore(dir, { buildSearchIndex: false, idFactory: () => 'later' });
    await first.store.create({ model: null, title: 'Trip' });
    await first.store.close();
    // Damaged while the app was closed: the index still lists it, so it is read (and moved) when opened.
    await place({ later: '' });
    const { store } = await openStore(dir, { buildSearchIndex: false });
    stores.push(store);
    const error = await store.allMessages('later').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppFailure);
    // As it crosses the bridge (values are zod-checked there).
    const { messageId, values, message } = AppErrorSchema.parse((error as AppFailure).error);
    expect(messageId).toBe('errors.history.conversationQuarantined');
    expect(values).toMatchObject({ why: 'empty', title: 'Trip' });
    expect(message).toMatch(
      /^"Trip" could not be opened, so its file was moved to .+ \(nothing was deleted\)\. It is empty\.$/,
    );
    expect(inLocale('de', messageId ?? '', values)).toMatch(
      /^„Trip“ konnte nicht geöffnet werden, .+ Sie ist leer\.$/,
    );
  });

  it('the notice refuses ids outside the history’s errors', () => {
    const base = { conversationId: 'c', title: null, path: '/q/c.json', reason: 'it is empty.' };
    expect(
      QuarantineNoticeSchema.safeParse({ ...base, reasonId: 'errors.history.fileUnusable' }).success,
    ).toBe(true);
    expect(QuarantineNoticeSchema.safeParse({ ...base, reasonId: 'sidebar.quarantine.moved' }).success).toBe(
      false,
    );
    expect(QuarantineNoticeSchema.safeParse({ ...base, reasonId: 'It is empty.' }).success).toBe(false);
    expect(
      QuarantineNoticeSchema.safeParse({
        ...base,
        repairs: [{ id: 'errors.history.repair.noLeaf', values: { x: {} } }],
      }).success,
    ).toBe(false);
  });
});
