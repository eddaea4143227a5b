import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../common/errors';
import { createKnownSecrets } from './known-secrets';
import { sanitiseAppError, sanitiseErrorsIn } from './sanitise-errors';

const SECRET = 'candidate-token-8xQ2vP';
const secrets = createKnownSecrets();
secrets.add(SECRET);
const clean = secrets.redact;

describe('sanitiseAppError: the message values too', () => {
  it('redacts a string value of an error shown in the window’s language; numbers and clean values stay', () => {
    const error: AppError = {
      code: 'internal',
      message: `Switchboard couldn't start its local sign-in listener (${SECRET}).`,
      messageId: 'errors.signIn.listenFailed',
      values: { reason: `bind ${SECRET}`, port: 8080, kept: 'plain' },
    };
    const out = sanitiseAppError(error, clean);
    expect(out.values).toEqual({ reason: 'bind [REDACTED]', port: 8080, kept: 'plain' });
    expect(out.message).not.toContain(SECRET);
    expect(error.values?.reason).toContain(SECRET); // the input is not mutated
    const untouched: AppError = { ...error, message: 'clean', values: { kept: 'plain' } };
    expect(sanitiseAppError(untouched, clean)).toBe(untouched);
  });

  it('redacts the values of a nested catalog message exactly like plain values', () => {
    // The routing refusal carries the settings problem (a stored slug the person typed) as a message.
    const problem = {
      messageId: 'errors.settings.providers.unknown',
      values: { slug: SECRET, place: 'settings' },
    };
    const error: AppError = {
      code: 'validation',
      message: `Nothing was sent: … “${SECRET}” is not a provider OpenRouter knows.`,
      messageId: 'errors.chat.routingUnusable',
      values: { problem, count: 1 },
    };
    const out = sanitiseAppError(error, clean);
    expect(out.values).toEqual({
      problem: {
        messageId: 'errors.settings.providers.unknown',
        values: { slug: '[REDACTED]', place: 'settings' },
      },
      count: 1,
    });
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(problem.values.slug).toBe(SECRET); // the input is not mutated
    // Through the boundary walk too (a result, an event), and in a settings problem's values (plain by
    // schema today, common/option-problems.ts; the pass does not rely on that).
    const settingsProblem = {
      field: 'providerDefaults',
      message: 'Providers: the saved value is not valid.',
      messageId: 'errors.settings.providers.invalid',
      values: { detail: problem, place: 'settings' },
    };
    const walked = sanitiseErrorsIn({ ok: false, error, problems: [settingsProblem] }, clean);
    expect(JSON.stringify(walked)).not.toContain(SECRET);
    expect(walked.problems[0]?.values.detail.values.slug).toBe('[REDACTED]');
    // Nothing to redact: the very same objects.
    const cleanError: AppError = {
      ...error,
      message: 'clean',
      values: { problem: { messageId: 'errors.settings.providers.unknown', values: { slug: 'acme' } } },
    };
    expect(sanitiseAppError(cleanError, clean)).toBe(cleanError);
  });
});

describe('sanitiseErrorsIn', () => {
  it('redacts settings problems (message and values) wherever they are, as it does errors', () => {
    const problem = {
      field: 'providerDefaults.order',
      message: `OpenRouter has no provider “${SECRET}”.`,
      messageId: 'errors.settings.unknownProvider',
      values: { slug: SECRET, count: 1 },
    };
    const out = sanitiseErrorsIn({ settings: { theme: 'dark' }, problems: [problem] }, clean);
    expect(out.problems[0]).toEqual({
      field: 'providerDefaults.order',
      message: 'OpenRouter has no provider “[REDACTED]”.',
      messageId: 'errors.settings.unknownProvider',
      values: { slug: '[REDACTED]', count: 1 },
    });
    expect(problem.values.slug).toBe(SECRET); // the input is not mutated
    const cleanProblem = { field: 'model', message: 'fine', values: { model: 'a/b' } };
    const untouched = { problems: [cleanProblem] };
    expect(sanitiseErrorsIn(untouched, clean)).toBe(untouched);
  });

  it('redacts every AppError-shaped object, however deep, and leaves other strings alone', () => {
    const value = {
      ok: false,
      error: { code: 'key_rejected', message: `rejected ${SECRET}`, status: 401 },
      messages: [
        { id: 'a', content: `the person wrote ${SECRET}`, error: null },
        {
          id: 'b',
          content: 'partial',
          error: {
            code: 'moderation',
            message: 'blocked',
            reasons: [Buffer.from(SECRET).toString('base64')],
          },
        },
      ],
    };
    const out = sanitiseErrorsIn(value, clean);
    expect(out.error).toEqual({ code: 'key_rejected', message: 'rejected [REDACTED]', status: 401 });
    expect(out.messages[1]?.error?.reasons).toEqual(['[REDACTED]']);
    // Conversation text is data, not an error: it is not rewritten here.
    expect(out.messages[0]).toBe(value.messages[0]);
    expect(value.error.message).toContain(SECRET); // the input is not mutated
  });

  it('returns the very same value when there is nothing to redact', () => {
    const value = { items: [{ error: { code: 'offline', message: 'Cannot reach OpenRouter.' } }], n: 1 };
    expect(sanitiseErrorsIn(value, clean)).toBe(value);
  });

  it('does not treat look-alikes with unknown codes as errors', () => {
    const value = { code: 'not-a-code', message: SECRET };
    expect(sanitiseErrorsIn(value, clean)).toBe(value);
  });

  it('sanitiseAppError keeps the fields it does not change', () => {
    const error: AppError = {
      code: 'rate_limited',
      message: `slow ${SECRET.toUpperCase()}`,
      retryAfterSeconds: 3,
    };
    expect(sanitiseAppError(error, clean)).toEqual({
      code: 'rate_limited',
      message: 'slow [REDACTED]',
      retryAfterSeconds: 3,
    });
  });

  it('redacts the provider name too (it comes from upstream text)', () => {
    const error: AppError = { code: 'upstream_error', message: 'Refused.', provider: `Acme ${SECRET}` };
    expect(sanitiseAppError(error, clean)).toEqual({
      code: 'upstream_error',
      message: 'Refused.',
      provider: 'Acme [REDACTED]',
    });
  });
});
