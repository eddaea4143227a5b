import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatResult, ModelSummary, Usage } from '../../../common/chat-types';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import type { SpendingLimits } from '../../../common/spending-types';
import { createHistoryStore } from '../history';
import { conversationSpending } from '../ledger/aggregate';
import { createCalendar } from '../ledger/calendar';
import { createLedgerStore } from '../ledger/ledger-store';
import { createSpendingLimits } from '../ledger/spending-limits';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { createChatSessions } from './chat-sessions';
import { createConversationChat } from './conversation-chat';
import { createFinalFigures, type GenerationFigures } from './final-figures';
import { createReplyCosts, upgradingLedger } from './reply-costs';
import { type Script, scriptedStreamer } from './testing/scripted-streamer';

/** Issue 16 in main: every reply lands in the ledger at OpenRouter's cost, and the limits hold on every path. */

const MODEL: ModelSummary = {
  id: 'openai/o3',
  name: 'o3',
  contextLength: 200_000,
  promptPricePerMTok: 2,
  completionPricePerMTok: 8,
  inputModalities: ['text'],
  outputModalities: ['text'],
  supportedParameters: [],
  isFree: false,
  maxCompletionTokens: 100_000,
};

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

const NOW = Date.parse('2026-03-10T12:00:00Z');

function result(usage: Usage | null, over: Partial<ChatResult> = {}): ChatResult {
  return {
    content: 'Sure.',
    reasoning: '',
    finishReason: 'stop',
    usage,
    generationId: `gen-${Math.random().toString(36).slice(2)}`,
    model: MODEL.id,
    provider: 'OpenAI',
    citations: [],
    images: [],
    ...over,
  };
}

async function setup(scripts: Script[], generations: Record<string, GenerationFigures> = {}) {
  const base = await mkdtemp(join(tmpdir(), 'sb-spend-'));
  const log = createMemoryLogger();
  const history = createHistoryStore({ dir: join(base, 'history'), log });
  await history.init();
  const ledger = createLedgerStore({ dir: join(base, 'ledger'), log });
  await ledger.init();
  let limits: SpendingLimits = { dailyUsd: null, monthlyUsd: null, askAboveUsd: null };
  const guard = createSpendingLimits({
    entries: () => ledger.all(),
    limits: () => limits,
    now: () => NOW,
    calendar: createCalendar('UTC'),
  });
  const costs = createReplyCosts({
    ledger,
    limits: guard,
    prices: async (id) => (id === MODEL.id ? MODEL : null),
    now: () => NOW,
    log,
  });
  const lookups: string[] = [];
  const finalFigures = createFinalFigures({
    client: {
      fetchGeneration: async (id) => {
        lookups.push(id);
        return generations[id] ?? null;
      },
    },
    history: upgradingLedger(history, costs),
    scheduler: immediate,
    log,
    delaysMs: [0],
  });
  const { streamer: scripted, requests } = scriptedStreamer(scripts);
  // Past the scripts, a reply streams some text and never ends (the app dies while it streams).
  const streamer: typeof scripted = {
    streamChat: (request, handlers) => {
      if (scripts.length > 0) return scripted.streamChat(request, handlers);
      requests.push(request);
      handlers.onEvent({ type: 'delta', content: 'Partial', reasoning: '' });
      return new Promise(() => {});
    },
  };
  const sessions = createChatSessions({ client: streamer, log, scheduler: immediate });
  const chat = createConversationChat({
    history,
    sessions,
    settings: () => DEFAULT_SETTINGS,
    noteModelUsed: async () => {},
    log,
    knownKeys: () => [],
    finalFigures,
    replyCosts: costs,
  });
  let n = 0;
  const target = () => ({
    streamId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    windowId: 1,
    deliver: () => {},
  });
  const conversation = await history.create({ model: MODEL.id });
  /** Waits for the stream, the history writes, the final figures and the ledger writes. */
  const settle = async (opts: { streams?: boolean; until?: () => boolean } = {}) => {
    if (opts.streams !== false) await sessions.settle();
    // Final figures go through the history's write queue: turn the event loop until what the test
    // waits for has happened (bounded; no timers).
    const done = opts.until ?? (() => true);
    for (let i = 0; i < 10_000 && (i < 5 || finalFigures.pendingCount > 0 || !done()); i++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await costs.settle();
      await ledger.settle();
    }
  };
  return {
    base,
    log,
    finalFigures,
    history,
    ledger,
    chat,
    requests,
    lookups,
    target,
    settle,
    id: conversation.id,
    setLimits: (next: Partial<SpendingLimits>) => {
      limits = { ...limits, ...next };
    },
  };
}

describe('the ledger over a scripted session', () => {
  it("totals equal the sum of OpenRouter's usage.cost, with cached, reasoning, BYOK and stopped replies", async () => {
    const stoppedFigures: GenerationFigures = {
      usage: { promptTokens: 40, completionTokens: 12, cost: 0.000_73 },
      provider: 'OpenAI',
      model: MODEL.id,
      finishReason: null,
      cancelled: true,
    };
    const costs = {
      plain: 0.001_234,
      cached: 0.000_412,
      reasoning: 0.021_5,
      byok: 0.000_09,
      stopped: stoppedFigures.usage.cost as number,
    };
    const s = await setup(
      [
        { kind: 'done', result: result({ promptTokens: 120, completionTokens: 80, cost: costs.plain }) },
        {
          kind: 'done',
          result: result({
            promptTokens: 1_000,
            cachedPromptTokens: 800,
            completionTokens: 20,
            cost: costs.cached,
          }),
        },
        {
          kind: 'done',
          result: result({
            promptTokens: 50,
            completionTokens: 2_600,
            reasoningTokens: 2_500,
            cost: costs.reasoning,
          }),
        },
        {
          kind: 'done',
          result: result({
            promptTokens: 50,
            completionTokens: 30,
            cost: costs.byok,
            isByok: true,
            upstreamCost: 0.004_5,
          }),
        },
        { kind: 'fail', text: 'Half a rep', code: 'cancelled', generationId: 'gen-stopped' },
      ],
      { 'gen-stopped': stoppedFigures },
    );
    for (const content of ['one', 'two', 'three', 'four', 'five']) {
      await s.chat.send({ conversationId: s.id, content, model: MODEL.id }, s.target());
      await s.settle();
    }
    // The stopped reply's figures come from /generation after its stream ended.
    await s.settle({ until: () => [...s.ledger.all()].every((e) => e.entry.accuracy === 'exact') });

    const expected = Object.values(costs).reduce((a, b) => a + b, 0);
    const total = conversationSpending(s.ledger.all(), s.id);
    expect(total.replies).toBe(5);
    expect(total.totalUsd).toBeCloseTo(expected, 12);
    expect(total.estimated).toBe(false);
    // The stopped reply was estimated first, then replaced by /generation's figures.
    expect(s.lookups).toEqual(['gen-stopped']);
    const entries = [...s.ledger.all()].map((e) => e.entry);
    expect(entries.find((e) => e.byok)).toMatchObject({ costUsd: costs.byok, upstreamCostUsd: 0.004_5 });
    expect(entries.find((e) => e.cachedPromptTokens === 800)?.costUsd).toBe(costs.cached);
    expect(entries.find((e) => e.reasoningTokens === 2_500)?.costUsd).toBe(costs.reasoning);

    // The same totals after a restart, read back from the file.
    const reopened = createLedgerStore({ dir: join(s.base, 'ledger'), log: createMemoryLogger() });
    await reopened.init();
    expect(conversationSpending(reopened.all(), s.id).totalUsd).toBeCloseTo(expected, 12);
  });

  it('a reply without usage.cost is estimated from the prices, never NaN, and says so', async () => {
    const s = await setup([
      { kind: 'done', result: result({ promptTokens: 1_000_000, completionTokens: 500_000 }) },
      { kind: 'done', result: result(null, { content: 'x'.repeat(400) }) },
    ]);
    await s.chat.send({ conversationId: s.id, content: 'a', model: MODEL.id }, s.target());
    await s.settle();
    await s.chat.send({ conversationId: s.id, content: 'b', model: MODEL.id }, s.target());
    await s.settle();
    const entries = [...s.ledger.all()].map((e) => e.entry);
    expect(entries).toHaveLength(2);
    // 1M prompt tokens at $2 and 500k completion tokens at $8 per million.
    expect(entries[0]).toMatchObject({ accuracy: 'estimated', costUsd: 6 });
    expect(entries[1]?.accuracy).toBe('estimated');
    expect(entries[1]?.completionTokens).toBe(100);
    expect(Number.isFinite(entries[1]?.costUsd)).toBe(true);
    expect(conversationSpending(s.ledger.all(), s.id).estimated).toBe(true);
  });

  it('a request OpenRouter refused before any text (a 429) costs nothing, in the totals and the limits', async () => {
    const s = await setup([{ kind: 'refused', status: 429 }]);
    await s.chat.send({ conversationId: s.id, content: 'hello', model: MODEL.id }, s.target());
    await s.settle();
    const entries = [...s.ledger.all()].map((e) => e.entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ costUsd: 0, accuracy: 'exact' });
  });

  it('a crash mid-reply leaves that reply in the ledger, estimated, and every finished one exact', async () => {
    // The second reply never ends: the stream hangs, as if the app died while it streamed.
    const s = await setup([
      { kind: 'done', result: result({ promptTokens: 10, completionTokens: 10, cost: 0.002 }) },
    ]);
    await s.chat.send({ conversationId: s.id, content: 'first', model: MODEL.id }, s.target());
    await s.settle();
    // A reply that started (its placeholder and estimated entry written) and never finished.
    await s.chat.send({ conversationId: s.id, content: 'second', model: MODEL.id }, s.target());
    await s.settle({ streams: false });
    // The next start reads only what reached the disk.
    const reopened = createLedgerStore({ dir: join(s.base, 'ledger'), log: createMemoryLogger() });
    await reopened.init();
    const accuracies = [...reopened.all()].map((e) => e.entry.accuracy);
    expect(accuracies.filter((a) => a === 'exact')).toHaveLength(1);
    expect(accuracies.filter((a) => a === 'estimated').length).toBeLessThanOrEqual(1);
    expect(reopened.size).toBe(2);
    expect(await readFile(join(s.base, 'ledger', 'ledger.jsonl'), 'utf8')).toContain(
      '"accuracy":"estimated"',
    );
  });
});

describe('the ledger over a compare (issue 18)', () => {
  it("records each column's cost on its own reply, a failed column's as failed", async () => {
    const s = await setup([
      { kind: 'done', result: result({ promptTokens: 10, completionTokens: 10, cost: 0.02 }) },
      { kind: 'fail', text: 'Half a rep', code: 'connection_lost', generationId: null },
    ]);
    const { replies } = await s.chat.compare({ conversationId: s.id, content: 'hello' }, [
      { model: MODEL.id, target: s.target() },
      { model: MODEL.id, target: s.target() },
    ]);
    await s.settle();
    const entries = [...s.ledger.all()].map((e) => e.entry);
    expect(entries.map((e) => [e.messageId, e.accuracy, e.costUsd > 0])).toEqual([
      [replies[0]?.id, 'exact', true],
      [replies[1]?.id, 'estimated', true],
    ]);
    expect(entries[0]?.costUsd).toBe(0.02);
    const stored = (await s.history.tree(s.id)).messages;
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['assistant', 'error'],
    ]);
  });
});

describe('spending limits hold on every path', () => {
  const exact = (cost: number) => result({ promptTokens: 10, completionTokens: 10, cost });

  it('a reached daily limit stops send, regenerate (and retry with max tokens) and edit: no request, nothing written', async () => {
    const s = await setup([{ kind: 'done', result: exact(0.25) }]);
    const first = await s.chat.send({ conversationId: s.id, content: 'hello', model: MODEL.id }, s.target());
    await s.settle();
    s.setLimits({ dailyUsd: 0.25 });
    const before = await s.history.messages(s.id, { limit: 50 });
    const treeBefore = await s.history.tree(s.id);
    const ledgerBefore = await readFile(join(s.base, 'ledger', 'ledger.jsonl'), 'utf8');

    const refusal = {
      error: {
        code: 'spending_limit_reached',
        spendingLimit: {
          period: 'daily',
          limitUsd: 0.25,
          spentUsd: 0.25,
          resetsAt: '2026-03-11T00:00:00.000Z',
        },
      },
    };
    await expect(
      s.chat.send({ conversationId: s.id, content: 'again', model: MODEL.id }, s.target()),
    ).rejects.toMatchObject(refusal);
    await expect(
      s.chat.regenerate(
        { conversationId: s.id, fromMessageId: first.assistantMessage.id, model: MODEL.id },
        s.target(),
      ),
    ).rejects.toMatchObject(refusal);
    // "Retry with N max tokens" and "Try <model>" are regenerations too.
    await expect(
      s.chat.regenerate(
        {
          conversationId: s.id,
          fromMessageId: first.assistantMessage.id,
          model: 'other/model',
          maxTokens: 10,
        },
        s.target(),
      ),
    ).rejects.toMatchObject(refusal);
    const edit = s.chat.editAndResend(
      { conversationId: s.id, messageId: first.userMessage.id, content: 'edited', model: MODEL.id },
      s.target(),
    );
    await expect(edit).rejects.toMatchObject(refusal);
    await expect(edit).rejects.toThrow(
      'Your daily spending limit of $0.25 is reached: $0.25 spent today, counting replies still in progress. Nothing was sent. The limit resets at midnight. Raise or clear the limit in Settings → Spending.',
    );

    expect(s.requests).toHaveLength(1);
    expect(await s.history.messages(s.id, { limit: 50 })).toEqual(before);
    expect(await s.history.tree(s.id)).toEqual(treeBefore);
    expect(await readFile(join(s.base, 'ledger', 'ledger.jsonl'), 'utf8')).toBe(ledgerBefore);
  });

  it('a limit below the next message’s worst case stops it; a higher limit lets it through', async () => {
    const s = await setup([{ kind: 'done', result: exact(0.01) }]);
    // o3 can reply with up to 100,000 tokens at $8 per million: up to $0.80.
    s.setLimits({ monthlyUsd: 0.5 });
    await expect(
      s.chat.send({ conversationId: s.id, content: 'hello', model: MODEL.id }, s.target()),
    ).rejects.toMatchObject({
      error: { code: 'spending_limit_reached', spendingLimit: { period: 'monthly', spentUsd: 0 } },
      message: expect.stringContaining('This message could cost up to $0.80'),
    });
    expect(s.requests).toHaveLength(0);
    expect(await s.history.messages(s.id, { limit: 50 })).toMatchObject({ messages: [] });

    s.setLimits({ monthlyUsd: 5 });
    await s.chat.send({ conversationId: s.id, content: 'hello', model: MODEL.id }, s.target());
    await s.settle();
    expect(s.requests).toHaveLength(1);
  });

  it('replies still streaming count at their worst case until they end', async () => {
    const s = await setup([]);
    s.setLimits({ dailyUsd: 1 });
    // The first reply streams and never ends; its worst case ($0.80) is held.
    await s.chat.send({ conversationId: s.id, content: 'one', model: MODEL.id }, s.target());
    await expect(
      s.chat.send({ conversationId: s.id, content: 'two', model: MODEL.id }, s.target()),
    ).rejects.toMatchObject({ error: { code: 'spending_limit_reached' } });
    expect(s.requests).toHaveLength(1);
  });

  it('no limit set: no price lookup delays the send', async () => {
    const s = await setup([{ kind: 'done', result: exact(0.01) }]);
    await s.chat.send({ conversationId: s.id, content: 'hello', model: 'unlisted/model' }, s.target());
    await s.settle();
    expect(s.requests).toHaveLength(1);
  });
});
