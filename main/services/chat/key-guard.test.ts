import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptEntry } from '../history';

const scanned: string[] = [];
vi.mock('./key-in-message', async (importOriginal) => {
  const real = await importOriginal<typeof import('./key-in-message')>();
  return {
    ...real,
    findKeyInText: (text: string, keys: readonly string[]) => {
      scanned.push(text);
      return real.findKeyInText(text, keys);
    },
  };
});

const { createKeyGuard } = await import('./key-guard');

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const earlier: TranscriptEntry[] = Array.from({ length: 50 }, (_, i) => ({
  id: `m${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `message ${i} about nothing in particular`,
}));

describe('key guard warm-up (opening a conversation)', () => {
  beforeEach(() => {
    scanned.length = 0;
  });

  it('scans the earlier messages when the conversation opens, so the first send scans only its new text', () => {
    const guard = createKeyGuard({ knownKeys: () => [KEY] });
    guard.warm('c1', earlier);
    expect(scanned).toHaveLength(earlier.length);
    scanned.length = 0;
    guard.check({ conversationId: 'c1', systemPrompt: '', earlier, newContent: 'hello' });
    expect(scanned).toEqual(['hello']);
  });

  it('never throws, and the send is still refused when an earlier message holds the key', () => {
    const guard = createKeyGuard({ knownKeys: () => [KEY] });
    const withKey = [...earlier, { id: 'k', role: 'user' as const, content: `here: ${KEY}` }];
    expect(() => guard.warm('c2', withKey)).not.toThrow();
    expect(() =>
      guard.check({ conversationId: 'c2', systemPrompt: '', earlier: withKey, newContent: 'hello' }),
    ).toThrow(/earlier message/i);
  });

  it('a verdict found under other keys is not reused once the keys change', () => {
    let keys = [KEY];
    const guard = createKeyGuard({ knownKeys: () => keys });
    const other = `sk-or-v1-${'fedcba9876543210'.repeat(4)}`;
    const mentionsOther = [
      { id: 'o', role: 'assistant' as const, content: `old key ${other.toUpperCase()}` },
    ];
    guard.warm('c3', mentionsOther);
    keys = [other];
    expect(() =>
      guard.check({ conversationId: 'c3', systemPrompt: '', earlier: mentionsOther, newContent: 'hi' }),
    ).toThrow();
  });
});
