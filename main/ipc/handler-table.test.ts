import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type AppError, AppErrorSchema, AppFailure } from '../../common/errors';
import { chatContract, keyEntryContract } from '../../common/ipc/contract';
import { defineContract, event, invoke } from '../../common/ipc/define';
import { textFailure } from '../../common/testing/text-failure';
import { createHistoryStore } from '../services/history';
import { knownSecrets } from '../services/log/known-secrets';
import { sanitiseErrorsIn } from '../services/log/sanitise-errors';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { createHandlerTable, type Handlers, type HandlerTable, type WritingCalls } from './handler-table';
import type { SenderInfo, SenderPolicy } from './sender-policy';
import type { WriteLimits } from './write-budget';

const INTERNAL_ERROR = {
  code: 'internal',
  message: 'Something went wrong inside Switchboard. Please retry.',
  messageId: 'errors.app.internal',
};
const repoRoot = resolve(import.meta.dirname, '../..');
const ORIGIN = 'app://switchboard';
const policy: SenderPolicy = { origin: ORIGIN, isOurWindow: (id) => id === 1 || id === 2 };
const good: SenderInfo = { windowId: 1, isMainFrame: true, url: `${ORIGIN}/index.html` };

const testContract = defineContract('t', {
  echo: invoke(z.object({ text: z.string().max(10) }).strict(), z.object({ text: z.string() })),
  boom: invoke(z.undefined(), z.object({})),
  fail: invoke(z.undefined(), z.object({})),
  liar: invoke(z.undefined(), z.object({ n: z.number() })),
  notify: invoke(z.undefined(), z.object({})),
  save: invoke(z.object({ text: z.string().max(100_000) }).strict(), z.object({})),
  onTick: event(z.object({ n: z.number() })),
});

const writingCalls: WritingCalls<typeof testContract> = {
  echo: false,
  boom: false,
  fail: false,
  liar: false,
  notify: false,
  save: true,
};

let handlerRuns = 0;
let saved: string[] = [];

function makeHandlers(overrides: Partial<Handlers<typeof testContract>> = {}): Handlers<typeof testContract> {
  return {
    echo: async ({ text }) => {
      handlerRuns++;
      return { text: text.toUpperCase() };
    },
    boom: async () => {
      throw new TypeError('undefined is not a function (sk-or-v1-deadbeefdeadbeefdeadbeef)');
    },
    fail: async () => {
      throw textFailure('key_missing', 'Add a key first.');
    },
    liar: async () => ({ n: 'not a number' }) as unknown as { n: number },
    notify: async (_req, ctx) => {
      ctx.emit('onTick', { n: 7 });
      return {};
    },
    save: async ({ text }) => {
      saved.push(text);
      return {};
    },
    ...overrides,
  };
}

function makeTable(
  overrides: Partial<Handlers<typeof testContract>> = {},
  budget: { limits?: WriteLimits; now?: () => number } = {},
) {
  const log = createMemoryLogger();
  const sent: Array<{ windowId: number; channel: string; payload: unknown }> = [];
  handlerRuns = 0;
  saved = [];
  const table = createHandlerTable({
    contract: testContract,
    policy,
    log,
    sendEvent: (windowId, channel, payload) => sent.push({ windowId, channel, payload }),
    handlers: makeHandlers(overrides),
    sanitiseErrors: (value) => value,
    writeLimits: { writingCalls, ...budget },
  });
  return { table, log, sent, runs: () => handlerRuns, saved };
}

describe('contract', () => {
  it('gives every channel a unique name and zod schemas', () => {
    const channels = new Set<string>();
    for (const [name, spec] of Object.entries(chatContract)) {
      expect(channels.has(spec.channel), `${name} channel is unique`).toBe(false);
      channels.add(spec.channel);
      if (spec.kind === 'invoke') {
        expect(spec.request, name).toBeInstanceOf(z.ZodType);
        expect(spec.response, name).toBeInstanceOf(z.ZodType);
      } else {
        expect(spec.payload, name).toBeInstanceOf(z.ZodType);
      }
    }
  });

  it('gives every channel one name: the wire name is the contract prefix and the key', () => {
    for (const [prefix, contract] of [
      ['chat', chatContract],
      ['keyEntry', keyEntryContract],
    ] as const) {
      for (const [name, spec] of Object.entries(contract)) {
        expect(spec.channel, name).toBe(`${prefix}:${name}`);
      }
    }
    // The wire name is in the type too, so code can name a channel only through its key.
    expectTypeOf(chatContract.loadMessages.channel).toEqualTypeOf<'chat:loadMessages'>();
    expectTypeOf(keyEntryContract.submit.channel).toEqualTypeOf<'keyEntry:submit'>();
    // So the two windows' channels never collide, even where a key is the same in both.
    const all = [...Object.values(chatContract), ...Object.values(keyEntryContract)].map((s) => s.channel);
    expect(new Set(all).size).toBe(all.length);
  });

  it('has no response that could carry a plaintext key field', () => {
    const text = JSON.stringify(
      Object.values(chatContract).map((s) =>
        z.toJSONSchema(s.kind === 'invoke' ? s.response : s.payload, { unrepresentable: 'any' }),
      ),
    );
    expect(text).not.toMatch(/"(key|apiKey|secret|token)"/);
  });
});

describe('handler table', () => {
  it('runs a valid call and validates the response', async () => {
    const { table } = makeTable();
    expect(await table.dispatch('t:echo', good, { text: 'hi' })).toEqual({ ok: true, value: { text: 'HI' } });
  });

  it.each([
    ['an unknown window', { ...good, windowId: 9 }],
    ['no window', { ...good, windowId: null }],
    ['an iframe', { ...good, isMainFrame: false }],
    ['a foreign origin', { ...good, url: 'https://evil.example/index.html' }],
    ['a look-alike origin', { ...good, url: 'app://switchboard.evil/index.html' }],
    ['a file URL', { ...good, url: 'file:///etc/passwd' }],
    ['an unknown URL', { ...good, url: null }],
  ])('refuses %s before running the handler', async (_label, sender) => {
    const { table, runs } = makeTable();
    const result = await table.dispatch('t:echo', sender, { text: 'hi' });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
    expect(runs()).toBe(0);
  });

  it.each([
    ['missing payload', undefined],
    ['wrong type', { text: 42 }],
    ['too long', { text: 'x'.repeat(11) }],
    ['extra field', { text: 'ok', admin: true }],
    ['not an object', 'hi'],
  ])('answers a malformed payload (%s) with a validation error', async (_label, payload) => {
    const { table, runs } = makeTable();
    const result = await table.dispatch('t:echo', good, payload);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'validation' }) });
    expect(runs()).toBe(0);
  });

  it('answers an unknown channel with a validation error', async () => {
    const { table } = makeTable();
    expect(await table.dispatch('t:nope', good, {})).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('turns a bug into an internal error without leaking details', async () => {
    const { table, log } = makeTable();
    const result = await table.dispatch('t:boom', good, undefined);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) });
    expect(JSON.stringify(result)).not.toContain('undefined is not a function');
    expect(log.lines.join('\n')).not.toContain('deadbeefdeadbeef');
  });

  it('passes typed service errors through', async () => {
    const { table } = makeTable();
    expect(await table.dispatch('t:fail', good, undefined)).toEqual({
      ok: false,
      error: { code: 'key_missing', message: 'Add a key first.' },
    });
  });

  it('refuses a response outside the contract', async () => {
    const { table } = makeTable();
    expect(await table.dispatch('t:liar', good, undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('routes events to the calling window only', async () => {
    const { table, sent } = makeTable();
    await table.dispatch('t:notify', good, undefined);
    expect(sent).toEqual([{ windowId: 1, channel: 't:onTick', payload: { n: 7 } }]);
  });

  it('refuses to build a table with a missing handler', () => {
    expect(() =>
      createHandlerTable({
        contract: testContract,
        policy,
        log: createMemoryLogger(),
        sendEvent: () => {},
        handlers: {} as never,
        sanitiseErrors: (value) => value,
        writeLimits: { writingCalls },
      }),
    ).toThrow(/no handler/);
  });
});

// --- Events and errors cross only in their contract's shape --------------------------------------

describe('events cross to a window only in their contract shape', () => {
  const KEY_LIKE = `sk-or-v1-${'ab'.repeat(32)}`;

  it('strips fields the event schema does not name (a handler emitting a stray `key`)', async () => {
    const { table, sent } = makeTable({
      notify: async (_req, ctx) => {
        ctx.emit('onTick', { n: 7, key: KEY_LIKE } as unknown as { n: number });
        return {};
      },
    });
    await table.dispatch('t:notify', good, undefined);
    expect(sent).toEqual([{ windowId: 1, channel: 't:onTick', payload: { n: 7 } }]);
    expect(JSON.stringify(sent)).not.toContain(KEY_LIKE);
  });

  it('does not send a payload that does not parse, and logs that without the payload', async () => {
    const { table, sent, log } = makeTable({
      notify: async (_req, ctx) => {
        ctx.emit('onTick', { n: `not a number ${KEY_LIKE}` } as unknown as { n: number });
        return {};
      },
    });
    // The call itself still answers: a bad event is main's bug, not the caller's.
    expect(await table.dispatch('t:notify', good, undefined)).toEqual({ ok: true, value: {} });
    expect(sent).toEqual([]);
    const text = log.lines.join('\n');
    expect(text).toMatch(/event payload outside its contract/);
    expect(text).toContain('t:onTick');
    expect(text).not.toContain('not a number');
    expect(text).not.toContain('abababab');
  });

  it('offers main one validated way to push an event to a window: emit(windowId, event, payload)', () => {
    const { table, sent } = makeTable();
    expect(table.emit(1, 'onTick', { n: 3, extra: 'x' } as unknown as { n: number })).toBe(true);
    expect(table.emit(1, 'onTick', { n: 'three' } as unknown as { n: number })).toBe(false);
    expect(table.emit(1, 'echo' as never, { text: 'hi' } as never)).toBe(false);
    expect(sent).toEqual([{ windowId: 1, channel: 't:onTick', payload: { n: 3 } }]);
  });

  it('keeps a failing transport from breaking the emitter', () => {
    const log = createMemoryLogger();
    const table = createHandlerTable({
      contract: testContract,
      policy,
      log,
      sendEvent: () => {
        throw new Error('window gone');
      },
      handlers: makeHandlers(),
      sanitiseErrors: (value) => value,
      writeLimits: { writingCalls },
    });
    expect(table.emit(1, 'onTick', { n: 1 })).toBe(false);
    expect(log.lines.join('\n')).toMatch(/could not send an event/);
  });
});

describe('errors cross to a window only in the error contract shape', () => {
  it('sends a service error carrying extra fields (cause, stack, a key) as exactly { code, message }', async () => {
    const leaky = {
      code: 'key_missing',
      message: 'Add a key first.',
      cause: new Error('inner'),
      stack: 'Error: at secretFunction (/home/me/switchboard/main.js:1:1)',
      key: `sk-or-v1-${'cd'.repeat(32)}`,
      details: { path: '/home/me/.config' },
    };
    const { table } = makeTable({
      fail: async () => {
        throw new AppFailure(leaky as unknown as AppError);
      },
    });
    const result = await table.dispatch('t:fail', good, undefined);
    expect(result).toEqual({ ok: false, error: { code: 'key_missing', message: 'Add a key first.' } });
    expect(Object.keys((result as { error: object }).error).sort()).toEqual(['code', 'message']);
  });

  it('keeps the optional fields the error schema allows', async () => {
    const { table } = makeTable({
      fail: async () => {
        throw new AppFailure({
          code: 'rate_limited',
          message: 'Wait 3 seconds.',
          retryAfterSeconds: 3,
          status: 429,
          cause: 'x',
        } as unknown as AppError);
      },
    });
    expect(await table.dispatch('t:fail', good, undefined)).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Wait 3 seconds.', retryAfterSeconds: 3, status: 429 },
    });
  });

  it('replaces an error outside the error contract (unknown code) with an internal error', async () => {
    const { table, log } = makeTable({
      fail: async () => {
        throw new AppFailure({ code: 'made_up', message: 'Details: /home/me' } as unknown as AppError);
      },
    });
    const result = await table.dispatch('t:fail', good, undefined);
    expect(result).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(JSON.stringify(result)).not.toContain('/home/me');
    expect(log.lines.join('\n')).toMatch(/error outside its contract/);
  });

  it('uses schemas that strip unknown fields: no loose object in any response, event or error', () => {
    const loose: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      // A record (`propertyNames` given) validates every key and value: not loose.
      const isRecord = schema.propertyNames !== undefined;
      if (schema.type === 'object' && schema.additionalProperties !== false && !isRecord) loose.push(path);
      for (const [k, v] of Object.entries(schema)) walk(v, `${path}.${k}`);
    };
    for (const contract of [chatContract, keyEntryContract]) {
      for (const [name, spec] of Object.entries(contract)) {
        const schema = spec.kind === 'invoke' ? spec.response : spec.payload;
        walk(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }), name);
      }
    }
    walk(z.toJSONSchema(AppErrorSchema, { io: 'output' }), 'AppError');
    expect(loose).toEqual([]);
  });
});

describe('every event the glue pushes goes through a table', () => {
  // main/index.ts and the harness once sent key-status events straight to windows, unvalidated.
  const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

  it('main/index.ts sends no event past the table', () => {
    const source = read('main/index.ts');
    const direct = source.match(/sendToWindow\s*\(/g) ?? [];
    expect(direct, 'direct sendToWindow(...) calls').toEqual([]);
    expect(source).toMatch(/\.emit\(\s*id,\s*'onKeyStatus'/);
  });

  it('the browser harness sends no event past the table', () => {
    const source = read('e2e/harness/harness.ts');
    expect(source).not.toMatch(/\.broadcast\s*\(/);
    expect(source).not.toMatch(/Binding\.sendEvent\s*\(/);
    expect(source).toMatch(/\.emit\(\s*id,\s*'onKeyStatus'/);
  });
});

// --- Per-window write budget --------------------------------------------------------------------

describe('per-window write budget', () => {
  const limits: WriteLimits = {
    calls: { burst: 3, perMinute: 6 },
    bytes: { burst: 1_000, perMinute: 600 },
  };
  const budgeted = (overrides: Partial<Handlers<typeof testContract>> = {}) => {
    let clock = 1_000_000;
    const made = makeTable(overrides, { limits, now: () => clock });
    return { ...made, advance: (ms: number) => (clock += ms) };
  };
  const save = (table: HandlerTable, sender: SenderInfo, text = 'x') =>
    table.dispatch('t:save', sender, { text });

  it('refuses the N+1th writing call within the window with a typed error that says what to do', async () => {
    const { table, saved } = budgeted();
    for (let i = 0; i < 3; i++) expect(await save(table, good, `m${i}`)).toMatchObject({ ok: true });
    const refused = await save(table, good, 'one too many');
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'throttled',
        message: expect.any(String),
        messageId: 'errors.app.throttled',
        values: { exceeded: 'calls', calls: 3, size: '1000 bytes', seconds: 10 },
        retryAfterSeconds: 10,
      },
    });
    const { message } = (refused as { error: AppError }).error;
    expect(message).toMatch(/more than 3 changes/);
    expect(message).toMatch(/Wait 10 seconds/);
    expect(message).toMatch(/Nothing already saved/);
    expect(saved).toEqual(['m0', 'm1', 'm2']);
  });

  it('leaves other windows, reads and malformed calls out of it', async () => {
    const { table, saved } = budgeted();
    for (let i = 0; i < 4; i++) await save(table, good, `a${i}`);
    expect(await save(table, { ...good, windowId: 2 }, 'b0')).toMatchObject({ ok: true });
    // Reads are never counted, so the window can still show what it has.
    expect(await table.dispatch('t:echo', good, { text: 'hi' })).toMatchObject({ ok: true });
    expect(saved).toEqual(['a0', 'a1', 'a2', 'b0']);

    const fresh = budgeted();
    for (let i = 0; i < 10; i++) {
      expect(await fresh.table.dispatch('t:save', good, { text: 42 })).toMatchObject({
        error: { code: 'validation' },
      });
    }
    expect(await save(fresh.table, good)).toMatchObject({ ok: true });
  });

  it('refills with time (no sleeping: an injected clock)', async () => {
    const { table, advance } = budgeted();
    for (let i = 0; i < 3; i++) await save(table, good);
    expect(await save(table, good)).toMatchObject({ ok: false, error: { code: 'throttled' } });
    advance(9_999);
    expect(await save(table, good)).toMatchObject({ ok: false, error: { code: 'throttled' } });
    advance(1);
    expect(await save(table, good)).toMatchObject({ ok: true });
    expect(await save(table, good)).toMatchObject({ ok: false, error: { code: 'throttled' } });
    advance(60_000);
    for (let i = 0; i < 3; i++) expect(await save(table, good)).toMatchObject({ ok: true });
  });

  it('counts the bytes a window sends, and says when one request is larger than it may ever send', async () => {
    const { table, advance } = budgeted();
    expect(await save(table, good, 'x'.repeat(900))).toMatchObject({ ok: true });
    const refused = await save(table, good, 'x'.repeat(200));
    // 911 bytes spent of 1,000; the next 211 need 122 more, at 10 bytes a second.
    expect(refused).toMatchObject({ ok: false, error: { code: 'throttled', retryAfterSeconds: 13 } });
    expect((refused as { error: AppError }).error.message).toMatch(/more than 1000 bytes in a short time/);
    advance(12_000);
    expect(await save(table, good, 'x'.repeat(200))).toMatchObject({
      ok: false,
      error: { code: 'throttled' },
    });
    advance(1_000);
    expect(await save(table, good, 'x'.repeat(200))).toMatchObject({ ok: true });

    const tooLarge = await save(table, good, 'x'.repeat(1_500));
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'throttled' } });
    expect((tooLarge as { error: AppError }).error.message).toMatch(/too large to save at once/);
    expect((tooLarge as { error: AppError }).error).not.toHaveProperty('retryAfterSeconds');
  });
});

describe('a throttled window loses nothing already saved', () => {
  it('keeps every conversation and message written before the limit, in memory and on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-budget-'));
    try {
      const history = createHistoryStore({ dir, log: createMemoryLogger(), buildSearchIndex: false });
      await history.init();
      const conversation = await history.create({ model: null });
      await history.appendUserMessage(conversation.id, 'written before the page went rogue');
      const contract = defineContract('t', {
        append: invoke(z.object({ text: z.string().max(1_000_000) }).strict(), z.object({ id: z.string() })),
      });
      let clock = 0;
      const table = createHandlerTable({
        contract,
        policy,
        log: createMemoryLogger(),
        sendEvent: () => {},
        sanitiseErrors: (value) => value,
        handlers: {
          append: async ({ text }) => ({ id: (await history.appendUserMessage(conversation.id, text)).id }),
        },
        writeLimits: {
          writingCalls: { append: true },
          limits: { calls: { burst: 5, perMinute: 5 }, bytes: { burst: 10_000_000, perMinute: 1 } },
          now: () => clock,
        },
      });
      const results = [];
      for (let i = 0; i < 50; i++)
        results.push(await table.dispatch('t:append', good, { text: `flood ${i}` }));
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(results.slice(5).every((r) => !r.ok && r.error.code === 'throttled')).toBe(true);
      clock += 60_000;

      const expected = ['written before the page went rogue', ...[0, 1, 2, 3, 4].map((i) => `flood ${i}`)];
      const shown = await history.messages(conversation.id, { limit: 100 });
      expect(shown.messages.map((m) => m.content)).toEqual(expected);
      await history.close();
      const reopened = createHistoryStore({ dir, log: createMemoryLogger(), buildSearchIndex: false });
      await reopened.init();
      const fromDisk = await reopened.messages(conversation.id, { limit: 100 });
      expect(fromDisk.messages.map((m) => m.content)).toEqual(expected);
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// --- Secret redaction on the exit path -------------------------------------------------------------

describe('every error leaving through the table passes the injected redaction', () => {
  /** A key that no shape rule recognises: only the known-secret registry can remove it. */
  const CANDIDATE = 'typed-candidate-7Hq2Zm9x';
  knownSecrets.add(CANDIDATE);
  const B64 = Buffer.from(CANDIDATE).toString('base64');

  const contract = defineContract('r', {
    throwIt: invoke(z.undefined(), z.object({})),
    returnIt: invoke(z.undefined(), z.object({ ok: z.boolean(), error: AppErrorSchema })),
    emitIt: invoke(z.undefined(), z.object({})),
    bug: invoke(z.undefined(), z.object({})),
    onProgress: event(z.object({ error: AppErrorSchema })),
  });

  const handlers: Handlers<typeof contract> = {
    throwIt: async () => {
      throw textFailure('key_rejected', `OpenRouter rejected ${CANDIDATE.toUpperCase()}`);
    },
    returnIt: async () => ({ ok: false, error: { code: 'internal', message: `could not save ${B64}` } }),
    emitIt: async (_req, ctx) => {
      ctx.emit('onProgress', {
        error: { code: 'upstream_error', message: `echo: ${encodeURIComponent(CANDIDATE)}` },
      });
      return {};
    },
    bug: async () => {
      throw new TypeError(`a bug near ${CANDIDATE}`);
    },
  };

  function redactingTable(sanitiseErrors: <T>(value: T) => T = (value) => sanitiseErrorsIn(value)) {
    const sent: unknown[] = [];
    const log = createMemoryLogger();
    const table = createHandlerTable({
      contract,
      handlers,
      policy,
      log,
      sendEvent: (_windowId, _channel, payload) => sent.push(payload),
      sanitiseErrors,
      writeLimits: { writingCalls: { throwIt: false, returnIt: false, emitIt: false, bug: false } },
    });
    return { table, sent, log };
  }

  it('redacts a thrown AppFailure, keeping its code', async () => {
    const { table } = redactingTable();
    expect(await table.dispatch('r:throwIt', good, undefined)).toEqual({
      ok: false,
      error: { code: 'key_rejected', message: 'OpenRouter rejected [REDACTED]' },
    });
  });

  it('redacts an error returned inside a result', async () => {
    const { table } = redactingTable();
    expect(await table.dispatch('r:returnIt', good, undefined)).toEqual({
      ok: true,
      value: { ok: false, error: { code: 'internal', message: 'could not save [REDACTED]' } },
    });
  });

  it('redacts an error in an event, whether a handler emits it or main pushes it through the table', async () => {
    const { table, sent } = redactingTable();
    await table.dispatch('r:emitIt', good, undefined);
    expect(
      table.emit(1, 'onProgress', { error: { code: 'upstream_error', message: `pushed ${CANDIDATE}` } }),
    ).toBe(true);
    expect(JSON.stringify(sent)).not.toContain(encodeURIComponent(CANDIDATE));
    expect(JSON.stringify(sent)).not.toContain(CANDIDATE);
    expect(sent).toEqual([
      { error: { code: 'upstream_error', message: 'echo: [REDACTED]' } },
      { error: { code: 'upstream_error', message: 'pushed [REDACTED]' } },
    ]);
  });

  it('answers a bug with the generic internal error, whose text carries nothing of it', async () => {
    const { table } = redactingTable();
    expect(await table.dispatch('r:bug', good, undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
  });

  it('sends nothing it could not redact: a throwing sanitiser means internal, or no event', async () => {
    const { table, sent, log } = redactingTable(() => {
      throw new Error('redaction broke');
    });
    expect(await table.dispatch('r:throwIt', good, undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(await table.dispatch('r:returnIt', good, undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(table.emit(1, 'onProgress', { error: { code: 'upstream_error', message: CANDIDATE } })).toBe(
      false,
    );
    expect(sent).toEqual([]);
    expect(log.lines.join('\n')).toMatch(/could not redact a value for a window; not sent/);
  });
});
