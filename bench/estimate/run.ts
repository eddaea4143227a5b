/**
 * Cost-estimate benchmark: `npx tsx bench/estimate/run.ts [--messages 2000 --draft 10000 --keystrokes 200]`
 *
 * The estimator (main/services/estimate) over a synthetic conversation, as the composer calls it while
 * the person types: the tokenizer's load, the first estimate (every message counted), then one call
 * per keystroke with a growing draft — and in the same run a baseline that tokenizes the whole
 * context on every keystroke. Also a pasted 10,000-character draft counted cold, large pastes (the
 * 200,000-character bound), and how long main's event loop is held during the first count.
 * Always exits 0: benchmarks inform, they do not gate.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_CONVERSATION_OPTIONS } from '../../common/request-options';
import { DEFAULT_SETTINGS } from '../../common/settings-types';
import { createRng } from '../../e2e/emulator/rng';
import { buildContext } from '../../main/services/chat/conversation-chat';
import { createCostEstimator } from '../../main/services/estimate';
import { pricedModel } from '../../main/services/estimate/testing/models';
import { loadTokenizer } from '../../main/services/estimate/tokenizer';
import type { TranscriptEntry } from '../../main/services/history';
import { ms, percentile, type Row, table } from '../history/report';
import { makeText, makeVocabulary, messageLength } from '../history/text';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const MESSAGES = option('messages', 2_000);
const DRAFT_CHARS = option('draft', 10_000);
const KEYSTROKES = option('keystrokes', 200);

const random = createRng(16);
const vocabulary = makeVocabulary(random);
const transcript: TranscriptEntry[] = Array.from({ length: MESSAGES }, (_, i) => {
  const role = i % 2 === 0 ? 'user' : 'assistant';
  return { id: `m${i}`, role, content: makeText(random, vocabulary, messageLength(random, role)) };
});
const draftText = makeText(random, vocabulary, DRAFT_CHARS + KEYSTROKES);
const model = pricedModel();
const settings = { ...DEFAULT_SETTINGS, systemPrompt: 'You are a careful assistant.' };

const estimator = createCostEstimator({
  transcript: async () => transcript,
  settings: () => settings,
  conversationOptions: async () => ({ options: DEFAULT_CONVERSATION_OPTIONS }),
  listModels: async () => ({ models: [model] }),
});
const input = (draft: string) => ({ conversationId: 'c1', model: model.id, draft });

const time = async <T>(fn: () => Promise<T> | T): Promise<[number, T]> => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};

const rows: Row[] = [];
const contextChars = transcript.reduce((n, m) => n + m.content.length, 0);
rows.push({
  metric: `conversation: ${MESSAGES} messages`,
  value: `${(contextChars / 1000).toFixed(0)}k chars`,
});

const [loadMs] = await time(() => loadTokenizer());
rows.push({ metric: 'tokenizer load (o200k, once, lazily)', value: ms(loadMs) });

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const [firstMs, first] = await time(() => estimator.estimate(input(draftText.slice(0, DRAFT_CHARS))));
loop.disable();
rows.push({ metric: 'first estimate (every message counted)', value: ms(firstMs) });
rows.push({
  metric: '  longest event-loop stall meanwhile',
  value: ms(loop.max / 1e6),
  target: '< 50 ms',
  pass: loop.max / 1e6 < 50,
});
rows.push({ metric: '  prompt tokens', value: String(first.promptTokens) });

// The same first count in a fresh estimator (a second conversation opened): the tokenizer is warm now.
const [secondMs] = await time(() =>
  createCostEstimator({
    transcript: async () => transcript,
    settings: () => settings,
    conversationOptions: async () => ({ options: DEFAULT_CONVERSATION_OPTIONS }),
    listModels: async () => ({ models: [model] }),
  }).estimate(input(draftText.slice(0, DRAFT_CHARS))),
);
rows.push({ metric: 'first estimate again, fresh estimator (warm JIT)', value: ms(secondMs) });

// Typing: one more character per call, as the composer asks on each change.
const typing: number[] = [];
for (let k = 1; k <= KEYSTROKES; k += 1) {
  const [t] = await time(() => estimator.estimate(input(draftText.slice(0, DRAFT_CHARS + k))));
  typing.push(t);
}
rows.push({
  metric: `typing: ${KEYSTROKES} calls, ${DRAFT_CHARS}-char draft, p50`,
  value: ms(percentile(typing, 50)),
  target: 'a few ms',
  pass: percentile(typing, 50) < 5,
});
rows.push({
  metric: '  p95',
  value: ms(percentile(typing, 95)),
  target: '< 10 ms',
  pass: percentile(typing, 95) < 10,
});
rows.push({ metric: '  max', value: ms(Math.max(...typing)) });

// Baseline in the same run: the whole context tokenized on every keystroke.
const count = await loadTokenizer();
const baseline: number[] = [];
for (let k = 1; k <= Math.min(KEYSTROKES, 10); k += 1) {
  const [t] = await time(() => {
    const draft = draftText.slice(0, DRAFT_CHARS + k);
    let n = 0;
    for (const m of buildContext(transcript, settings.systemPrompt)) n += count(m.content);
    return n + count(draft);
  });
  baseline.push(t);
}
rows.push({
  metric: 'baseline: everything tokenized per keystroke, p50',
  value: ms(percentile(baseline, 50)),
});

// A 10,000-character draft counted cold (pasted): the whole draft, nothing cached.
const pasted: number[] = [];
for (let k = 0; k < 10; k += 1) {
  const draft = makeText(random, vocabulary, 10_000);
  const [t] = await time(() => estimator.estimate(input(draft)));
  pasted.push(t);
}
rows.push({
  metric: 'pasted 10,000-char draft (cold), p50',
  value: ms(percentile(pasted, 50)),
  target: 'a few ms',
  pass: percentile(pasted, 50) < 10,
});

for (const size of [200_000, 1_000_000]) {
  const big = makeText(random, vocabulary, size);
  const [cold] = await time(() => estimator.estimate({ conversationId: null, model: model.id, draft: big }));
  const [warm] = await time(() =>
    estimator.estimate({ conversationId: null, model: model.id, draft: `${big}x` }),
  );
  rows.push({
    metric: `pasted ${size.toLocaleString('en')}-char draft: cold / next keystroke`,
    value: `${ms(cold)} / ${ms(warm)}`,
  });
}

console.log(table(rows));
