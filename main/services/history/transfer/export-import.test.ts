import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../common/errors';
import { createManualClock, makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const clock = createManualClock();
  const { store } = await openStore(dir, {
    idFactory: sequentialIds(prefix),
    now: clock.now,
    scheduler: clock.scheduler,
  });
  stores.push(store);
  return { store, clock };
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

async function seed(store: HistoryStore, clock: ReturnType<typeof createManualClock>) {
  const a = await store.create({ model: 'openai/gpt-4o' });
  await store.appendUserMessage(a.id, 'What is **WAL**?\n\nExplain briefly.');
  const reply = await store.beginReply(a.id, { model: 'openai/gpt-4o' });
  clock.advance(1000);
  await store.finishReply(a.id, reply.id, {
    status: 'complete',
    content: 'A log written *before* the data.',
    reasoning: 'Keep it short.\nOne line.',
    usage: { promptTokens: 10, completionTokens: 8, cost: 0.0001 },
    finishReason: 'stop',
    generationId: 'gen-1',
    model: 'openai/gpt-4o-2024',
  });
  const b = await store.create({ model: null, title: 'Ünïcödé 😀 日本' });
  await store.appendUserMessage(b.id, 'こんにちは 👩‍👩‍👧');
  const failed = await store.beginReply(b.id, { model: 'x/y' });
  await store.finishReply(b.id, failed.id, {
    status: 'error',
    content: '',
    error: { code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 3, status: 429 },
  });
  const streaming = await store.beginReply(b.id, { model: 'x/y' });
  store.checkpointReply(b.id, streaming.id, { content: 'half a sent', reasoning: '' });
  await store.flush();
  return { a, b, streaming };
}

const withoutStamp = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "-"');

describe('export', () => {
  it('writes Markdown with a title, speakers and status notes', async () => {
    const { store, clock } = await fresh('a');
    const { a, b } = await seed(store, clock);
    expect(await store.exportConversation(a.id, 'markdown')).toBe(
      [
        '# What is **WAL**?',
        '',
        '_Created 2025-01-01T00:00:00.000Z. Last activity 2025-01-01T00:00:01.000Z._',
        '',
        '**You**',
        '',
        'What is **WAL**?\n\nExplain briefly.',
        '',
        '**Assistant (openai/gpt-4o-2024)**',
        '',
        '> **Reasoning**',
        '>',
        '> Keep it short.',
        '> One line.',
        '',
        'A log written *before* the data.',
        '',
      ].join('\n'),
    );
    const md = await store.exportConversation(b.id, 'markdown');
    expect(md).toContain('_This reply failed: Slow down._');
    expect(md).toContain('_This reply was still being written when it was exported._');
    const all = await store.exportAll('markdown');
    expect(all.split('\n---\n')).toHaveLength(2);
  });

  it('round-trips all conversations through JSON exactly', async () => {
    const { store: source, clock } = await fresh('a');
    await seed(source, clock);
    const exported = await source.exportAll('json');
    const parsed = JSON.parse(exported);
    expect(parsed).toMatchObject({ format: 'switchboard-export', version: 3 });
    expect(parsed.conversations).toHaveLength(2);

    const { store: target } = await fresh('b');
    expect(await target.importJson(exported)).toEqual({
      imported: 2,
      duplicates: 0,
      rejected: 0,
      errors: [],
    });
    expect(withoutStamp(await target.exportAll('json'))).toBe(withoutStamp(exported));
    expect(target.list({ limit: 10 }).items).toEqual(
      source.list({ limit: 10 }).items.map((s) => expect.objectContaining({ ...s })),
    );
    // Importing again changes nothing.
    expect(await target.importJson(exported)).toEqual({
      imported: 0,
      duplicates: 2,
      rejected: 0,
      errors: [],
    });
    // A single-conversation export is the same document with one entry.
    const one = await source.exportConversation(source.list({ limit: 1 }).items[0]?.id ?? '', 'json');
    expect(await target.importJson(one)).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('gives a conversation a new id when its id exists with different content', async () => {
    const { store, clock } = await fresh('a');
    const { a } = await seed(store, clock);
    const doc = JSON.parse(await store.exportConversation(a.id, 'json'));
    doc.conversations[0].conversation.title = 'Changed elsewhere';
    const result = await store.importJson(JSON.stringify(doc));
    expect(result).toMatchObject({ imported: 1, duplicates: 0 });
    const titles = store.list({ limit: 10 }).items.map((s) => s.title);
    expect(titles).toContain('Changed elsewhere');
    expect(titles).toContain('What is **WAL**?');
    // ...and recognises it as a duplicate next time, despite the new id.
    expect(await store.importJson(JSON.stringify(doc))).toMatchObject({ imported: 0, duplicates: 1 });
  });
});

describe('import validation', () => {
  it('refuses a file that is not an export, saying why', async () => {
    const { store } = await fresh('a');
    await expect(store.importJson('{ nope')).rejects.toThrow('not valid JSON');
    await expect(store.importJson('{"format":"other","version":1,"conversations":[]}')).rejects.toThrow(
      'not a Switchboard export',
    );
    const newer = store.importJson('{"format":"switchboard-export","version":9,"conversations":[]}');
    await expect(newer).rejects.toBeInstanceOf(AppFailure);
    await expect(
      store.importJson('{"format":"switchboard-export","version":9,"conversations":[]}'),
    ).rejects.toThrow('newer Switchboard');
  });

  it('imports the valid conversations and rejects the others with reasons', async () => {
    const { store, clock } = await fresh('a');
    const { a } = await seed(store, clock);
    const good = JSON.parse(await store.exportConversation(a.id, 'json')).conversations[0];
    await store.remove(a.id);
    const bad1 = { ...good, conversation: { ...good.conversation, id: 'has spaces!' } };
    const bad2 = {
      conversation: { ...good.conversation, id: 'other', title: 'Broken' },
      messages: [{ id: 'm', role: 'robot' }],
    };
    const dupIds = {
      conversation: { ...good.conversation, id: 'dups' },
      messages: [good.messages[0], good.messages[0]],
    };
    const result = await store.importJson(
      JSON.stringify({
        format: 'switchboard-export',
        version: 1,
        conversations: [bad1, good, bad2, dupIds, 42],
      }),
    );
    expect(result.imported).toBe(1);
    expect(result.rejected).toBe(4);
    expect(result.errors).toHaveLength(4);
    expect(result.errors[0]).toMatch(
      /^Conversation 1 "What is \*\*WAL\*\*\?" was not imported: conversation\.id/,
    );
    expect(result.errors[1]).toMatch(/^Conversation 3 "Broken" was not imported: messages\.0/);
    expect(result.errors[2]).toMatch(/duplicate message id/);
    expect(result.errors[3]).toMatch(/^Conversation 5 was not imported/);
    expect(store.get(good.conversation.id)?.title).toBe('What is **WAL**?');
    expect(store.list({ limit: 10 }).total).toBe(2);
  });

  it('imports a streaming reply as interrupted', async () => {
    const { store, clock } = await fresh('a');
    const { b, streaming } = await seed(store, clock);
    const doc = JSON.parse(await store.exportConversation(b.id, 'json'));
    expect(doc.conversations[0].messages.at(-1)).toMatchObject({
      id: streaming.id,
      status: 'interrupted',
      content: 'half a sent',
    });
  });
});
