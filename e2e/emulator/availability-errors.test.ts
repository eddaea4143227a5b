import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorSchema } from '../../common/errors';
import { mapHttpError } from '../../main/services/openrouter/error-mapping';
import { AVAILABILITY_FAULT_CODES, availabilityResponse } from './errors';
import { parseFaults } from './faults';
import { type Emulator, startEmulator } from './server';
import { chat, type ErrorJson } from './test-support';

/**
 * The availability bodies the emulator serves (`availability-<code>`), read by the real error mapping:
 * each comes back as its own case with the suggested models and the wait it announced.
 */
const MODEL = 'meta-llama/llama-3.3-70b-instruct:free';

describe('availability-<code> bodies', () => {
  it.each(AVAILABILITY_FAULT_CODES)('%s: the code form, understood by the client', (code) => {
    const res = availabilityResponse(code, MODEL, null);
    const body = res.body as { error: { code: number; availability: { code: string; retryable: boolean } } };
    expect(body.error.code).toBe(res.status);
    expect(body.error.availability.code).toBe(code);
    const retryAfter = res.headers['retry-after'];
    const e = mapHttpError(res.status, body, retryAfter !== undefined ? Number(retryAfter) : undefined).error;
    expect(e.availability).toBe(code);
    expect(e.retryable).toBe(body.error.availability.retryable);
    expect(AppErrorSchema.safeParse(e).success).toBe(true);
  });

  it('retryable cases announce a wait (body and Retry-After); the rest do not', () => {
    const busy = availabilityResponse('capacity_exhausted', MODEL, 7);
    expect(busy).toMatchObject({ status: 503, headers: { 'retry-after': '7' } });
    expect(mapHttpError(503, busy.body, 7).error).toMatchObject({
      code: 'provider_unavailable',
      retryAfterSeconds: 7,
      fallbackModels: ['openai/gpt-4o-mini', 'google/gemini-2.5-flash'],
    });
    const gone = availabilityResponse('model_deprecated', MODEL, 7);
    expect(gone.headers).toEqual({});
    expect(JSON.stringify(gone.body)).not.toContain('retry_after');
  });

  it('free_variant_ended suggests the paid variant of the same model', () => {
    const res = availabilityResponse('free_variant_ended', MODEL, null);
    expect(mapHttpError(res.status, res.body, undefined).error).toMatchObject({
      code: 'model_retired',
      fallbackModels: ['meta-llama/llama-3.3-70b-instruct'],
    });
  });

  it('constraint_filtered names what excluded the providers', () => {
    const res = availabilityResponse('constraint_filtered', MODEL, null);
    expect(mapHttpError(res.status, res.body, undefined).error.message).toContain(
      '(excluded by: max price; constraint: max price)',
    );
  });

  it('plain `availability` keeps the docs form: error_type and http_status, no code', () => {
    const res = availabilityResponse(undefined, MODEL, null);
    expect(res.status).toBe(503);
    expect('code' in (res.body as { error: object }).error).toBe(false);
  });
});

describe('the availability-<code> fault mode, served', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('answers with the code form for the requested model, from the header', async () => {
    const res = await chat(emu, { model: MODEL, fault: 'availability-free_variant_ended' });
    expect(res.status).toBe(410);
    const body = (await res.json()) as ErrorJson;
    expect(body).toEqual({
      error: {
        code: 410,
        message: `The free variant of ${MODEL} has ended.`,
        availability: {
          code: 'free_variant_ended',
          retryable: false,
          fallback_models: ['meta-llama/llama-3.3-70b-instruct'],
        },
      },
    });
  });

  it('works as a picker model too, with Retry-After on a retryable case', async () => {
    const res = await chat(emu, { model: 'emulator/availability-capacity_exhausted' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    const e = mapHttpError(503, await res.json(), 3).error;
    expect(e).toMatchObject({
      code: 'provider_unavailable',
      availability: 'capacity_exhausted',
      retryAfterSeconds: 3,
    });
  });

  it('rejects an unknown code loudly', () => {
    const plan = parseFaults('availability-bogus', 'openai/gpt-4o');
    expect(plan.ok).toBe(false);
  });
});
