import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileSecretMatcher,
  describeError,
  MIN_KNOWN_SECRET_LENGTH,
  maskKey,
  REDACTED,
  redact,
  redactKnown,
} from './redact';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

describe('redact', () => {
  it('removes anything shaped like an OpenRouter key', () => {
    const out = redact(`upstream said: invalid key ${KEY}, try again`);
    expect(out).not.toContain('0123456789abcdef');
    expect(out).toContain('sk-or-[REDACTED]');
  });

  it('removes Bearer tokens and authorization headers of any shape', () => {
    const out = redact('headers: {"Authorization":"Bearer abc.def-ghi"} authorization: token123');
    expect(out).not.toContain('abc.def-ghi');
    expect(out).not.toContain('token123');
  });

  it('redacts thrown errors including their cause', () => {
    const err = new Error(`fetch failed for ${KEY}`, { cause: new Error(`inner ${KEY}`) });
    expect(describeError(err)).not.toContain(KEY.slice(10));
  });

  it('leaves ordinary text alone', () => {
    expect(redact('The model replied: sk is not a key')).toBe('The model replied: sk is not a key');
  });
});

describe('maskKey', () => {
  it('shows the prefix and last four characters only', () => {
    expect(maskKey(KEY)).toBe('sk-or-v1-…cdef');
  });
  it('reveals nothing of a short key', () => {
    expect(maskKey('sk-or-short')).toBe('sk-or-…');
  });
});

describe('redact leaves key-free mentions of the prefix readable', () => {
  it('keeps a bare prefix and the masked preview, still removes a whole key', () => {
    expect(redact('OpenRouter keys start with "sk-or-".')).toBe('OpenRouter keys start with "sk-or-".');
    expect(redact('key sk-or-v1-…3f2a in use')).toBe('key sk-or-v1-…3f2a in use');
    expect(redact('(they start with sk-or-).')).toBe('(they start with sk-or-).');
    expect(redact(`x ${KEY}.`)).toBe('x sk-or-[REDACTED].');
    expect(redact('sk-or-v1-abc')).toBe('sk-or-[REDACTED]');
  });
});

// common/ is type-checked for the renderer too, without Node's Buffer: the web platform's own encoders.
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Standard base64 (padded) or base64url (unpadded) of `text`'s UTF-8 bytes, via `btoa`. */
function toBase64(text: string, url = false): string {
  const std = btoa(String.fromCharCode(...utf8(text)));
  return url ? std.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : std;
}

/** `text` encoded inside a longer value, at whatever byte alignment the prefix gives it. */
function embeddedBase64(prefix: string, text: string, suffix: string, url: boolean): string {
  return toBase64(`${prefix}${text}${suffix}`, url);
}

function percentEncodeAll(text: string, upper: boolean): string {
  const hex = [...utf8(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return upper ? hex.toUpperCase() : hex;
}

const KEY_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'];
/** Keys of every shape: real-looking v1 keys and arbitrary tokens that `redact`'s pattern cannot see. */
const anyKey = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sk-or-v1-${hex}`),
  fc
    .array(fc.constantFrom(...KEY_CHARS), { minLength: MIN_KNOWN_SECRET_LENGTH, maxLength: 80 })
    .map((chars) => chars.join('')),
);
/** Surrounding text made of characters no encoding of a key uses, so a leftover piece would show. */
const filler = fc
  .array(fc.constantFrom(...' .,;:"[]{}<>\n\t|#'), { maxLength: 20 })
  .map((chars) => chars.join(''));

describe('known secrets (property tests)', () => {
  it('removes a registered key in every encoded form, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        anyKey,
        filler,
        filler,
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 6 }),
        (key, before, after, pre, post) => {
          const matcher = compileSecretMatcher([key]);
          const forms: Array<[string, string]> = [
            ['literal', key],
            ['upper case', key.toUpperCase()],
            ['lower case', key.toLowerCase()],
            ['base64', toBase64(key)],
            ['base64url', toBase64(key, true)],
            ['base64 of upper case', toBase64(key.toUpperCase())],
            ['percent-encoded', encodeURIComponent(key)],
            ['percent-encoded, every byte', percentEncodeAll(key, true)],
            ['percent-encoded, every byte, lower-case hex', percentEncodeAll(key, false)],
            ['JSON string', JSON.stringify(key).slice(1, -1)],
          ];
          for (const [what, form] of forms) {
            const out = matcher.redact(`${before}${form}${after}`);
            if (out.includes(form)) throw new Error(`${what} survived: ${out}`);
            if (matcher.test(out)) throw new Error(`${what}: matcher still finds the key in ${out}`);
            expect(out).toContain(REDACTED);
          }
          // Inside a longer encoded value (Basic credentials, a JSON blob) at any byte alignment.
          for (const url of [false, true]) {
            const blob = embeddedBase64(pre, key, post, url);
            const out = matcher.redact(`${before}${blob}${after}`);
            const cores = [0, 1, 2].map((shift) => {
              const enc = embeddedBase64('\0'.repeat(shift), key, '', url).replace(/=+$/, '');
              return enc.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + utf8(key).length)) / 6));
            });
            for (const core of cores)
              if (out.includes(core)) throw new Error(`embedded base64 core survived: ${out}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('removes a percent-encoded key even when only some characters are encoded', () => {
    fc.assert(
      fc.property(
        anyKey,
        fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
        filler,
        (key, pick, before) => {
          const partly = [...key].map((c, i) => (pick[i] ? percentEncodeAll(c, i % 2 === 0) : c)).join('');
          const text = `${before}token=${partly}&x=1`;
          const out = compileSecretMatcher([key]).redact(text);
          expect(out.includes(partly)).toBe(false);
          expect(decodeURIComponent(out).toLowerCase()).not.toContain(key.toLowerCase());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('redactKnown also applies the shapes, and log-like lines keep their other text', () => {
    const odd = 'tok_live_7HqZ2mN9pX';
    const line = `verify failed for ${odd} (${toBase64(odd)}) with Bearer abc ${KEY}`;
    const out = redactKnown(line, [odd]);
    expect(out).not.toContain(odd);
    expect(out).not.toContain('abc');
    expect(out).not.toContain(KEY.slice(12));
    expect(out.startsWith('verify failed for [REDACTED]')).toBe(true);
  });

  it('ignores secrets too short to match safely, and leaves text without secrets unchanged', () => {
    expect(redactKnown('a short abc def text', ['abc', ''])).toBe('a short abc def text');
    fc.assert(
      fc.property(anyKey, fc.string(), (key, text) => {
        fc.pre(!text.toLowerCase().includes(key.toLowerCase()) && !text.includes('%'));
        const matcher = compileSecretMatcher([key]);
        if (!matcher.test(text)) expect(matcher.redact(text)).toBe(text);
      }),
    );
  });
});
