/**
 * Issue 16, "done when": over a scripted session against the emulator, through the composed services
 * and the real OpenRouter client, the ledger's total equals the sum of the `usage.cost` values the
 * emulator returned — a plain reply, a long prompt sent twice (the second read from the prompt cache)
 * and a reasoning reply — and a daily limit set below the next message stops it with no request.
 * (Stopped and BYOK replies: main/services/chat/conversation-chat-spending.test.ts; the emulator has
 * no BYOK, and a stopped reply's figures come from /generation seconds later on real timers.)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { conversationSpending } from '../services/ledger/aggregate';
import { createLedgerStore } from '../services/ledger/ledger-store';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { openEmulatorSession } from './testing/emulator-session';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the ledger against the emulator', () => {
  it("totals equal the emulator's usage.cost over a session; a limit below the next estimate sends nothing", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-spending-emu-'));
    dirs.push(dataDir);
    const { services, ctx, batches } = await openEmulatorSession(emulator, { dataDir });
    const conversation = await services.history.create({ model: 'anthropic/claude-sonnet-4' });
    const send = async (content: string, model: string) => {
      await services.handlers.sendMessage(
        { streamId: randomUUID(), conversationId: conversation.id, content, model },
        ctx,
      );
      await services.sessions.settle();
    };
    const longPrompt = `Summarise this. ${'The quick brown fox jumps over the lazy dog. '.repeat(150)}`;
    await send('Hello there', 'openai/gpt-4o');
    await send(longPrompt, 'anthropic/claude-sonnet-4');
    await send(longPrompt, 'anthropic/claude-sonnet-4');
    await send('Think about it', 'emulator/reasoning');

    const usages = batches
      .flatMap((b) => b.events)
      .flatMap((e) => (e.type === 'done' && e.result.usage ? [e.result.usage] : []));
    expect(usages).toHaveLength(4);
    expect(usages.some((u) => (u.cachedPromptTokens ?? 0) > 0)).toBe(true);
    expect(usages.some((u) => (u.reasoningTokens ?? 0) > 0)).toBe(true);
    const emulatorTotal = usages.reduce((sum, u) => sum + (u.cost as number), 0);
    expect(emulatorTotal).toBeGreaterThan(0);

    // A daily limit just above what was spent: the next message's worst case goes over it.
    const chatRequests = () => emulator.requests.filter((r) => r.path === '/api/v1/chat/completions').length;
    const before = chatRequests();
    await services.handlers.updateSettings(
      {
        spending: {
          dailyUsd: Number((emulatorTotal + 0.000_001).toFixed(6)),
          monthlyUsd: null,
          askAboveUsd: null,
        },
      },
      ctx,
    );
    await expect(send('One more', 'openai/gpt-4o')).rejects.toMatchObject({
      error: { code: 'spending_limit_reached', spendingLimit: { period: 'daily' } },
    });
    expect(chatRequests()).toBe(before);

    await services.shutdown();
    const ledger = createLedgerStore({ dir: join(dataDir, 'ledger'), log: createMemoryLogger() });
    await ledger.init();
    const total = conversationSpending(ledger.all(), conversation.id);
    expect(total).toEqual({ totalUsd: expect.closeTo(emulatorTotal, 10), replies: 4, estimated: false });
  });
});
