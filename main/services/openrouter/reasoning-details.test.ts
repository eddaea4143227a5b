import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { MAX_REASONING_DETAILS_CHARS, ReasoningDetailsCollector } from './reasoning-details';

describe('ReasoningDetailsCollector', () => {
  it('merges text fragments of one index, keeps the first real signature, keeps other types as sent', () => {
    const c = new ReasoningDetailsCollector(createMemoryLogger());
    c.addFragments([
      { type: 'reasoning.text', text: '', signature: '', format: 'anthropic-claude-v1', index: 0 },
    ]);
    c.addFragments([{ type: 'reasoning.text', text: 'Let me ', format: 'anthropic-claude-v1', index: 0 }]);
    c.addFragments([{ type: 'reasoning.text', text: 'think.', index: 0 }]);
    c.addFragments([{ type: 'reasoning.text', text: '', signature: 'sig-1', index: 0 }]);
    c.addFragments([
      { type: 'reasoning.encrypted', data: 'ZW5j', id: 'rs_1', format: 'openai-responses-v1', index: 1 },
    ]);
    c.addFragments([{ type: 'reasoning.text', text: 'Second block', index: 2 }]);
    c.addFragments([{ type: 'reasoning.text', text: ' continues', index: 2, id: 'late-id' }]);
    expect(c.result()).toEqual([
      {
        type: 'reasoning.text',
        text: 'Let me think.',
        signature: 'sig-1',
        format: 'anthropic-claude-v1',
        index: 0,
      },
      { type: 'reasoning.encrypted', data: 'ZW5j', id: 'rs_1', format: 'openai-responses-v1', index: 1 },
      { type: 'reasoning.text', text: 'Second block continues', index: 2, id: 'late-id' },
    ]);
  });

  it('keeps complete (non-streamed) details as they are, without merging', () => {
    const c = new ReasoningDetailsCollector(createMemoryLogger());
    const details = [
      { type: 'reasoning.text', text: 'a', index: 0 },
      { type: 'reasoning.text', text: 'b', index: 0 },
    ];
    c.addComplete(details);
    expect(c.result()).toEqual(details);
  });

  it('drops every detail past the size cap, and malformed entries, with a log line', () => {
    const log = createMemoryLogger();
    const c = new ReasoningDetailsCollector(log);
    c.addFragments(['not an object' as unknown as object]);
    c.addFragments([{ type: 'reasoning.text', text: 'kept so far', index: 0 }]);
    c.addFragments([{ type: 'reasoning.encrypted', data: 'x'.repeat(MAX_REASONING_DETAILS_CHARS) }]);
    c.addFragments([{ type: 'reasoning.text', text: 'after', index: 3 }]);
    expect(c.result()).toEqual([]);
    const text = log.lines.join('\n');
    expect(text).toContain('reason="malformed"');
    expect(text).toContain('reason="too-large"');
  });
});
