import { describe, expect, it } from 'vitest';
import { makeMessage } from '../testing/fixtures';
import { applyReplyUsage, applyStreamEvents, endsStream } from './apply-stream-events';

const placeholder = makeMessage({ id: 'a1', role: 'assistant', status: 'streaming', model: 'x/asked' });

describe('applyStreamEvents', () => {
  it('appends content and reasoning deltas', () => {
    const next = applyStreamEvents(placeholder, [
      { type: 'delta', content: 'Hel', reasoning: 'Think' },
      { type: 'delta', content: 'lo', reasoning: 'ing' },
    ]);
    expect(next).toMatchObject({ content: 'Hello', reasoning: 'Thinking', status: 'streaming' });
  });

  it('completes with the result of done', () => {
    const next = applyStreamEvents(placeholder, [
      { type: 'delta', content: 'Hi', reasoning: '' },
      { type: 'usage', usage: { promptTokens: 1, completionTokens: 2 } },
      {
        type: 'done',
        result: {
          content: 'Hi',
          reasoning: '',
          finishReason: 'stop',
          usage: null,
          generationId: 'g1',
          model: 'x/served',
          provider: null,
          citations: [],
          images: [],
        },
      },
    ]);
    expect(next).toMatchObject({
      status: 'complete',
      content: 'Hi',
      finishReason: 'stop',
      generationId: 'g1',
      model: 'x/served',
      usage: { promptTokens: 1, completionTokens: 2 },
    });
  });

  it('keeps the provider, citations and image references of the result', () => {
    const next = applyStreamEvents(placeholder, [
      {
        type: 'done',
        result: {
          content: 'See [1].',
          reasoning: '',
          finishReason: 'stop',
          usage: null,
          generationId: 'g1',
          model: 'x/served',
          provider: 'Anthropic',
          citations: [{ url: 'https://example.com/a', title: 'A page', host: 'example.com' }],
          images: [{ id: '1.png', mimeType: 'image/png', byteLength: 68 }],
        },
      },
    ]);
    expect(next.provider).toBe('Anthropic');
    expect(next.citations).toEqual([{ url: 'https://example.com/a', title: 'A page', host: 'example.com' }]);
    expect(next.images).toEqual([{ id: '1.png', mimeType: 'image/png', byteLength: 68 }]);
  });

  it('takes final usage and provider fetched after a stream ended without them', () => {
    const stopped = makeMessage({ id: 'a1', role: 'assistant', status: 'cancelled', content: 'Half' });
    const next = applyReplyUsage(stopped, {
      usage: { promptTokens: 10, completionTokens: 4, cost: 0.0001 },
      provider: 'OpenAI',
    });
    expect(next).toMatchObject({
      status: 'cancelled',
      content: 'Half',
      usage: { promptTokens: 10, completionTokens: 4, cost: 0.0001 },
      provider: 'OpenAI',
    });
    // A null provider does not erase one already known.
    const later = applyReplyUsage(next, { usage: { promptTokens: 10, completionTokens: 4 }, provider: null });
    expect(later.provider).toBe('OpenAI');
  });

  it('keeps partial text on error, and treats cancellation as a stop rather than an error', () => {
    const failed = applyStreamEvents(placeholder, [
      {
        type: 'error',
        error: { code: 'timeout', message: 'Too slow' },
        partialContent: 'Part',
        partialReasoning: 'Why',
      },
    ]);
    expect(failed).toMatchObject({
      status: 'error',
      content: 'Part',
      reasoning: 'Why',
      error: { code: 'timeout' },
    });
    const stopped = applyStreamEvents(placeholder, [
      {
        type: 'error',
        error: { code: 'cancelled', message: 'Stopped' },
        partialContent: 'Part',
        partialReasoning: '',
      },
    ]);
    expect(stopped).toMatchObject({ status: 'cancelled', content: 'Part', error: null });
  });

  it('recognises the end of a stream', () => {
    expect(endsStream([{ type: 'delta', content: 'a', reasoning: '' }])).toBe(false);
    expect(
      endsStream([
        { type: 'error', error: { code: 'offline', message: '' }, partialContent: '', partialReasoning: '' },
      ]),
    ).toBe(true);
  });
});
