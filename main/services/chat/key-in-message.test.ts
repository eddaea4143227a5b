import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findKeyInText } from './key-in-message';

const HEX = '0123456789abcdef';
const KEY = `sk-or-v1-${'3f2a9c01b7d4e85f'.repeat(4)}`;
const hexKey = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sk-or-v1-${hex}`);

describe('findKeyInText: the current key', () => {
  it('finds the current key wherever it sits, whatever surrounds it', () => {
    for (const text of [
      KEY,
      `my key is ${KEY}`,
      `(${KEY})`,
      `"${KEY}",`,
      `key=${KEY}.`,
      `\`${KEY}\``,
      `\`\`\`\nOPENROUTER_API_KEY=${KEY}\n\`\`\``,
      `Authorization: Bearer ${KEY}`,
      `<${KEY}>`,
      `${KEY.toUpperCase()}`,
      `see ${Buffer.from(KEY).toString('base64')}`,
      `url?k=${KEY.split('')
        .map((c) => `%${c.charCodeAt(0).toString(16)}`)
        .join('')}`,
    ]) {
      expect(findKeyInText(text, [KEY]), text).toBe('known-key');
    }
  });

  it('finds it split by line breaks, spaces or invisible characters', () => {
    const half = KEY.length / 2;
    for (const sep of ['\n', '\r\n', ' ', '\n  ', '\u200b', '\u00ad', '\ufeff', '\t']) {
      const text = `here:\n${KEY.slice(0, half)}${sep}${KEY.slice(half)}\nthanks`;
      expect(findKeyInText(text, [KEY]), JSON.stringify(sep)).toBe('known-key');
    }
  });

  it('finds a current key that has no key shape at all (a test key, a proxy token)', () => {
    expect(findKeyInText('use sk-or-v1-abc please', ['sk-or-v1-abc'])).toBe('known-key');
    expect(findKeyInText('token: proxy-Zq81xT0pLm', ['proxy-Zq81xT0pLm'])).toBe('known-key');
    // …which, not being the key, is ordinary text.
    expect(findKeyInText('use sk-or-v1-abc please', [])).toBeNull();
  });
});

describe('findKeyInText: anything shaped like a key', () => {
  it('finds a real-looking key that main has never seen, in any surrounding', () => {
    fc.assert(
      fc.property(
        hexKey,
        fc.constantFrom('', ' ', '(', '"', "'", '`', '=', ':', '<', '[', '\n', '*'),
        (key, p) => {
          const closing: Record<string, string> = { '(': ')', '<': '>', '[': ']' };
          const close = closing[p] ?? p;
          expect(findKeyInText(`text ${p}${key}${close}, more`, [])).toBe('key-shaped');
          expect(findKeyInText(`text ${p}${key.toUpperCase()}${close}`, [])).toBe('key-shaped');
        },
      ),
    );
  });

  it('finds a v1 key split across lines or by invisible characters at any point', () => {
    fc.assert(
      fc.property(
        hexKey,
        fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('\n', '\r\n', ' ', '\u200b', '\u2060', '\n\n'),
        (key, cuts, sep) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          let text = '';
          let from = 0;
          for (const at of points) {
            text += key.slice(from, at) + sep;
            from = at;
          }
          text += key.slice(from);
          expect(findKeyInText(`Here it is:\n${text}\nDone.`, [])).toBe('key-shaped');
        },
      ),
    );
  });

  it('finds other random-looking keys after sk-or-', () => {
    expect(findKeyInText('sk-or-9fK2mQ7xLp3RtZ8vWb4N', [])).toBe('key-shaped');
    expect(findKeyInText(`sk-or-v1-${HEX.repeat(2)}`, [])).toBe('key-shaped');
  });

  it('leaves talk about keys alone (no false positives)', () => {
    for (const text of [
      'OpenRouter keys start with sk-or- and then a long random part.',
      'My key is sk-or-v1-…3f2a, is that the right one?',
      'Set OPENROUTER_API_KEY=sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in your shell',
      'export OPENROUTER_API_KEY="sk-or-v1-your-openrouter-api-key-goes-here"',
      'Replace sk-or-v1-<your-key> with your own key',
      'keys look like sk-or-v1-0123…cdef',
      'Use sk-or-v1-1234-your-key-goes-here-abcd as a placeholder',
      'This task-or-3f2a9c01b7d4e85f3f2a9c01 is not a key prefix',
      'sk-or-\nthis line is about something else entirely with 2024 numbers in it',
      'A hash: 3f2a9c01b7d4e85f3f2a9c01b7d4e85f3f2a9c01b7d4e85f3f2a9c01b7d4e85f',
      '',
    ]) {
      expect(findKeyInText(text, [KEY]), text).toBeNull();
    }
  });

  it('leaves random prose alone (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        fc.pre(!text.toLowerCase().includes('sk-or-'));
        expect(findKeyInText(text, [KEY])).toBeNull();
      }),
    );
  });
});
