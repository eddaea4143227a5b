/**
 * How close the o200k count comes to what OpenRouter billed, on the real recordings we have
 * (openrouter/fixtures/real: each request body beside the `usage.prompt_tokens` its answer reported;
 * all are Anthropic models, whose tokenizer is not o200k). The figures are pinned so a change to the
 * counting shows here; they are reported as they are, not tuned:
 * - ordinary English prompts: 0.95–1.00 of the billed count;
 * - 4,200 repeated "a": o200k merges long runs (~8 characters a token), Claude does not: 0.38;
 * - a thinking model: Claude adds its own reasoning preamble we cannot see: 0.33 (14 of 43);
 * - web search: the results are added to the prompt upstream (8,618 billed for an 18-token question);
 *   the estimate's high end allows 4,300 tokens per result for this (web-search-price.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../common/chat-types';
import { readRealFixture } from '../openrouter/testing/real-fixtures';
import { createContextTokens } from './context-tokens';
import { loadTokenizer } from './tokenizer';
import { PROMPT_TOKENS_PER_SEARCH_RESULT } from './web-search-price';

interface RecordedRequest {
  body: { json: { messages: Array<{ role: ChatMessage['role']; content: Array<{ text: string }> }> } };
}

/** The request's messages as the chat service would hold them, and the prompt tokens OpenRouter billed. */
function recording(name: string, answer: string) {
  const request = JSON.parse(readRealFixture(`${name}.request.json`)) as RecordedRequest;
  const messages = request.body.json.messages.map((m) => ({
    role: m.role,
    content: m.content.map((part) => part.text).join(''),
  }));
  const billed = Number(/"prompt_tokens":(\d+)/.exec(readRealFixture(`${name}${answer}`))?.[1]);
  return { messages, billed };
}

async function ratio(name: string, answer = '.jsonl') {
  const { messages, billed } = recording(name, answer);
  const earlier = messages.slice(0, -1);
  const draft = messages.at(-1)?.content ?? '';
  const counted = await createContextTokens(loadTokenizer).count(name, earlier, draft);
  return { counted, billed, ratio: counted / billed };
}

describe('estimate vs billed prompt tokens (real recordings)', () => {
  it('ordinary prompts: within 5% of what Claude billed', async () => {
    const sonnet4 = await ratio('completions/ai-sdk-provider-JBHEylom5vE-claude-sonnet-4', '.json');
    expect(sonnet4).toMatchObject({ counted: 21, billed: 21 });
    const sonnet35 = await ratio(
      'streams/ai-sdk-provider-i2VRzTzhjbW-claude-3.5-sonnet-event-split-across-chunks',
    );
    expect(sonnet35).toMatchObject({ counted: 18, billed: 19 });
  });

  it('repeated characters and a thinking preamble: far below (said, not hidden)', async () => {
    const repeated = await ratio('streams/ai-sdk-provider-7buJmKWfmK3-claude-sonnet-4-plain');
    expect(repeated.billed).toBe(1421);
    expect(repeated.ratio).toBeCloseTo(0.38, 2);
    const thinking = await ratio('streams/ai-sdk-provider-VatY3XorSc2-claude-3.7-sonnet-thinking-reasoning');
    expect(thinking).toMatchObject({ counted: 14, billed: 43 });
  });

  it('web search: the results’ tokens are only in the high end’s allowance', async () => {
    const searched = await ratio(
      'streams/ai-sdk-provider-SQdqVfHTM78-claude-3.5-sonnet-web-search-citations',
    );
    expect(searched).toMatchObject({ counted: 18, billed: 8618 });
    // The request asked for 2 results.
    expect(searched.counted + 2 * PROMPT_TOKENS_PER_SEARCH_RESULT).toBeGreaterThanOrEqual(searched.billed);
  });
});
