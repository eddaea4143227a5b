import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appError } from '../../common/errors';
import { chatContract } from '../../common/ipc/contract';
import { event, invoke } from '../../common/ipc/define';
import { createMemoryLogger } from '../services/log/logger';
import { createHandlerTable } from './handler-table';
import type { SenderInfo, SenderPolicy } from './sender-policy';

const ORIGIN = 'app://switchboard';
const policy: SenderPolicy = { origin: ORIGIN, isOurWindow: (id) => id === 1 };
const good: SenderInfo = { windowId: 1, isMainFrame: true, url: `${ORIGIN}/index.html` };

const testContract = {
  echo: invoke('t:echo', z.object({ text: z.string().max(10) }).strict(), z.object({ text: z.string() })),
  boom: invoke('t:boom', z.undefined(), z.object({})),
  fail: invoke('t:fail', z.undefined(), z.object({})),
  liar: invoke('t:liar', z.undefined(), z.object({ n: z.number() })),
  notify: invoke('t:notify', z.undefined(), z.object({})),
  onTick: event('t:tick', z.object({ n: z.number() })),
} as const;

function makeTable() {
  const log = createMemoryLogger();
  const sent: Array<{ windowId: number; channel: string; payload: unknown }> = [];
  let handlerRuns = 0;
  const table = createHandlerTable({
    contract: testContract,
    policy,
    log,
    sendEvent: (windowId, channel, payload) => sent.push({ windowId, channel, payload }),
    handlers: {
      echo: async ({ text }) => {
        handlerRuns++;
        return { text: text.toUpperCase() };
      },
      boom: async () => {
        throw new TypeError('undefined is not a function (sk-or-v1-deadbeefdeadbeefdeadbeef)');
      },
      fail: async () => {
        throw appError('key_missing', 'Add a key first.');
      },
      liar: async () => ({ n: 'not a number' }) as unknown as { n: number },
      notify: async (_req, ctx) => {
        ctx.emit('onTick', { n: 7 });
        return {};
      },
    },
  });
  return { table, log, sent, runs: () => handlerRuns };
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
    ['an unknown window', { ...good, windowId: 2 }],
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
    expect(sent).toEqual([{ windowId: 1, channel: 't:tick', payload: { n: 7 } }]);
  });

  it('refuses to build a table with a missing handler', () => {
    expect(() =>
      createHandlerTable({
        contract: testContract,
        policy,
        log: createMemoryLogger(),
        sendEvent: () => {},
        handlers: {} as never,
      }),
    ).toThrow(/no handler/);
  });
});
