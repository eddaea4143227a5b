import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textFailure } from '../../../common/testing/text-failure';
import { createKnownSecrets, knownSecrets, redactSecrets } from './known-secrets';
import { createLogger } from './logger';
import { sanitiseAppError } from './sanitise-errors';
import { createMemoryLogger } from './testing/memory-logger';

const KEY_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'];
const anyKey = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sk-or-v1-${hex}`),
  fc.array(fc.constantFrom(...KEY_CHARS), { minLength: 8, maxLength: 80 }).map((c) => c.join('')),
);

/** Every form the issue names: literal, upper case, base64, base64url, percent-encoded. */
function encodedForms(key: string): Array<[string, string]> {
  const bytes = Buffer.from(key, 'utf8');
  return [
    ['literal', key],
    ['upper case', key.toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['base64url', bytes.toString('base64url')],
    ['base64 inside Basic credentials', Buffer.from(`user:${key}`).toString('base64')],
    ['percent-encoded', encodeURIComponent(key)],
    [
      'percent-encoded, every byte',
      [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    ],
  ];
}

describe('known secrets registry', () => {
  it('removes a registered key that does not match the sk-or- shape from every log line', () => {
    const secrets = createKnownSecrets();
    const log = createMemoryLogger('t', secrets);
    const testKey = 'proxy-token-Zq81xT0pLm';
    log.info(`before: ${testKey}`);
    expect(log.lines[0]).toContain(testKey); // shape-only redaction cannot see it
    secrets.add(`  ${testKey}\n`);
    log.warn(`verify failed for ${testKey}`, {
      header: `Basic ${Buffer.from(`u:${testKey}`).toString('base64')}`,
    });
    log.error('upper', { key: testKey.toUpperCase() });
    expect(log.lines.slice(1).join('\n')).not.toMatch(/proxy-token|Zq81xT0pLm/i);
    expect(log.lines[1]).toContain('verify failed for [REDACTED]');
  });

  it('removes a short test key such as sk-or-v1-abc in upper case too', () => {
    const secrets = createKnownSecrets();
    secrets.add('sk-or-v1-abc');
    const lines: string[] = [];
    createLogger('t', (l) => lines.push(l), 'debug', secrets).info('SK-OR-V1-ABC and sk-or-v1-abc');
    expect(lines[0]).not.toMatch(/abc/i);
  });

  it('log lines and error messages lose every encoded form of random keys (property)', () => {
    fc.assert(
      fc.property(anyKey, fc.string({ maxLength: 30 }), (key, around) => {
        const secrets = createKnownSecrets();
        secrets.add(key);
        const log = createMemoryLogger('t', secrets);
        for (const [what, form] of encodedForms(key)) {
          log.info(`${around}${form}${around}`, { field: `x=${form};` });
          const line = log.lines.at(-1) ?? '';
          if (line.includes(form)) throw new Error(`log line kept the key as ${what}`);
          const failure = textFailure('upstream_error', `OpenRouter said: ${form}`, { reasons: [form] });
          const clean = sanitiseAppError(failure.error, secrets.redact);
          if (clean.message.includes(form) || clean.reasons?.[0]?.includes(form)) {
            throw new Error(`error message kept the key as ${what}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps removed and rejected keys (bounded), most recently registered last', () => {
    const secrets = createKnownSecrets(3);
    for (const s of ['first-secret-1', 'second-secret-2', 'third-secret-3']) secrets.add(s);
    secrets.add('first-secret-1'); // seen again: moves to the end
    secrets.add('fourth-secret-4');
    expect(secrets.list()).toEqual(['third-secret-3', 'first-secret-1', 'fourth-secret-4']);
    expect(secrets.redact('second-secret-2')).toBe('second-secret-2');
    expect(secrets.redact('first-secret-1')).toBe('[REDACTED]');
  });

  it('ignores values too short to match safely and empty input', () => {
    const secrets = createKnownSecrets();
    secrets.add('abc');
    secrets.add('');
    secrets.add(null);
    expect(secrets.list()).toEqual([]);
    expect(secrets.redact('abc abc')).toBe('abc abc');
  });

  it('the process registry is what the default logger and redactSecrets apply', () => {
    const log = createMemoryLogger();
    knownSecrets.add('process-wide-secret-42');
    log.info('process-wide-secret-42');
    expect(log.lines[0]).not.toContain('process-wide-secret-42');
    expect(redactSecrets('PROCESS-WIDE-SECRET-42')).toBe('[REDACTED]');
  });
});
