import { describe, expect, it } from 'vitest';
import type { Usage } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { createManualClock } from '../history/testing/test-support';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createFinalFigures, type GenerationFigures } from './final-figures';

const USAGE: Usage = { promptTokens: 20, completionTokens: 7, cost: 0.0004, cachedPromptTokens: 10 };
const FIGURES: GenerationFigures = {
  usage: USAGE,
  provider: 'Anthropic',
  model: 'anthropic/claude',
  finishReason: 'stop',
  cancelled: true,
};

/** Lets the promise chain of an attempt (fetch, history update, notify) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(answers: Array<GenerationFigures | null | Error>, stored: Message | null = {} as Message) {
  const clock = createManualClock();
  const log = createMemoryLogger();
  const asked: Array<{ id: string; at: number }> = [];
  const saved: unknown[] = [];
  const notified: unknown[] = [];
  const figures = createFinalFigures({
    client: {
      fetchGeneration: async (id) => {
        asked.push({ id, at: clock.scheduler.now() });
        const answer = answers.shift() ?? null;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    history: {
      updateReplyUsage: async (conversationId, messageId, update) => {
        saved.push({ conversationId, messageId, ...update });
        return stored;
      },
    },
    scheduler: clock.scheduler,
    log,
  });
  figures.fetchLater({
    conversationId: 'c1',
    messageId: 'r1',
    generationId: 'gen-123',
    notify: (f) => notified.push(f),
  });
  const start = clock.scheduler.now();
  const at = () => asked.map((a) => a.at - start);
  return { clock, log, asked, at, saved, notified, figures };
}

describe('final figures fetched after a stream ended without usage', () => {
  it('retries while the generation is not recorded yet, then saves and tells the window', async () => {
    const s = setup([null, null, FIGURES]);
    expect(s.asked).toEqual([]);
    s.clock.advance(1_000);
    await settle();
    s.clock.advance(3_000);
    await settle();
    expect(s.at()).toEqual([1_000, 4_000]);
    expect(s.saved).toEqual([]);
    s.clock.advance(10_000);
    await settle();
    expect(s.at()).toEqual([1_000, 4_000, 14_000]);
    expect(s.asked[0]?.id).toBe('gen-123');
    expect(s.saved).toEqual([{ conversationId: 'c1', messageId: 'r1', usage: USAGE, provider: 'Anthropic' }]);
    expect(s.notified).toEqual([{ usage: USAGE, provider: 'Anthropic' }]);
    expect(s.figures.pendingCount).toBe(0);
  });

  it('stops at the first definite answer', async () => {
    const s = setup([FIGURES, FIGURES]);
    s.clock.advance(60_000);
    await settle();
    s.clock.advance(60_000);
    await settle();
    expect(s.asked).toHaveLength(1);
    expect(s.notified).toHaveLength(1);
  });

  it('stops on an error, with a log line that holds no secret', async () => {
    const s = setup([
      new Error('401 for sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'),
    ]);
    s.clock.advance(1_000);
    await settle();
    s.clock.advance(60_000);
    await settle();
    expect(s.asked).toHaveLength(1);
    expect(s.notified).toEqual([]);
    const line = s.log.lines.find((l) => l.includes('could not be fetched'));
    expect(line).toBeDefined();
    expect(line).not.toContain('0123456789abcdef0123');
  });

  it('gives up after the last attempt and tells nobody', async () => {
    const s = setup([null, null, null, FIGURES]);
    for (let i = 0; i < 5; i++) {
      s.clock.advance(20_000);
      await settle();
    }
    expect(s.asked).toHaveLength(3);
    expect(s.saved).toEqual([]);
    expect(s.log.lines.some((l) => l.includes('not recorded in time'))).toBe(true);
  });

  it('does not tell the window when the reply is gone', async () => {
    const s = setup([FIGURES], null);
    s.clock.advance(1_000);
    await settle();
    expect(s.saved).toHaveLength(1);
    expect(s.notified).toEqual([]);
  });

  it('stops pending attempts on shutdown', async () => {
    const s = setup([FIGURES]);
    s.figures.stop();
    s.clock.advance(60_000);
    await settle();
    expect(s.asked).toEqual([]);
  });
});
