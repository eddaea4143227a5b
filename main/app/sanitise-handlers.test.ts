import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppErrorSchema, AppFailure, appError } from '../../common/errors';
import { defineContract, event, invoke } from '../../common/ipc/define';
import type { CallContext, Handlers } from '../ipc/handler-table';
import { knownSecrets } from '../services/log/known-secrets';
import { withSanitisedErrors } from './sanitise-handlers';

/** A key that no shape rule recognises: only the registry can remove it. */
const CANDIDATE = 'typed-candidate-7Hq2Zm9x';
knownSecrets.add(CANDIDATE);
const B64 = Buffer.from(CANDIDATE).toString('base64');

const contract = defineContract('t', {
  throwIt: invoke(z.undefined(), z.object({})),
  returnIt: invoke(z.undefined(), z.object({ ok: z.boolean(), error: AppErrorSchema })),
  emitIt: invoke(z.undefined(), z.object({})),
  bug: invoke(z.undefined(), z.object({})),
  onProgress: event(z.object({ error: AppErrorSchema })),
});

const handlers: Handlers<typeof contract> = {
  throwIt: async () => {
    throw appError('key_rejected', `OpenRouter rejected ${CANDIDATE.toUpperCase()}`);
  },
  returnIt: async () => ({ ok: false, error: { code: 'internal', message: `could not save ${B64}` } }),
  emitIt: async (_req, ctx) => {
    ctx.emit('onProgress', {
      error: { code: 'upstream_error', message: `echo: ${encodeURIComponent(CANDIDATE)}` },
    });
    return {};
  },
  bug: async () => {
    throw new TypeError('a bug');
  },
};

function context(emitted: unknown[]): CallContext<typeof contract> {
  return { windowId: 1, emit: (_event, payload) => emitted.push(payload) };
}

describe('withSanitisedErrors', () => {
  const wrapped = withSanitisedErrors(handlers);

  it('redacts known secrets from thrown AppFailures, keeping the code', async () => {
    const error = await wrapped.throwIt(undefined, context([])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error).toEqual({
      code: 'key_rejected',
      message: 'OpenRouter rejected [REDACTED]',
    });
  });

  it('redacts errors returned inside a result and carried by events', async () => {
    expect(await wrapped.returnIt(undefined, context([]))).toEqual({
      ok: false,
      error: { code: 'internal', message: 'could not save [REDACTED]' },
    });
    const emitted: unknown[] = [];
    await wrapped.emitIt(undefined, context(emitted));
    expect(JSON.stringify(emitted)).not.toContain(encodeURIComponent(CANDIDATE));
    expect(emitted).toEqual([{ error: { code: 'upstream_error', message: 'echo: [REDACTED]' } }]);
  });

  it('lets other throws through for the handler table to log and hide', async () => {
    await expect(wrapped.bug(undefined, context([]))).rejects.toBeInstanceOf(TypeError);
  });
});
