import { describe, expect, it } from 'vitest';
import { chatContract } from '../../common/ipc/contract';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { createHandlerTable, type Handlers } from './handler-table';
import type { SenderInfo } from './sender-policy';
import type { WriteLimits } from './write-budget';
import { chatWritingCalls, keyEntryWritingCalls } from './writing-calls';

const ORIGIN = 'app://switchboard';
const sender: SenderInfo = { windowId: 1, isMainFrame: true, url: `${ORIGIN}/index.html` };
const STREAM = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

describe('which calls count against the write budget', () => {
  it('counts every call that writes history, settings or the vault, or starts work in main', () => {
    const counted = Object.entries(chatWritingCalls)
      .filter(([, rule]) => rule === true)
      .map(([name]) => name);
    expect(counted).toEqual(
      expect.arrayContaining([
        'sendMessage',
        'regenerate',
        'editAndResend',
        'createConversation',
        'renameConversation',
        'deleteConversation',
        'restoreConversation',
        'updateSettings',
        'exportHistory',
        'importHistory',
        'importKeyFromClipboard',
        'acceptEnvKey',
        'startSignIn',
        'openKeyWindow',
        'openExternal',
      ]),
    );
    expect(keyEntryWritingCalls.submit).toBe(true);
  });

  it('never counts Stop, cancelling a sign-in, removing the key or "Key exposed?"', () => {
    for (const name of ['cancelChat', 'cancelSignIn', 'removeKey', 'reportKeyExposed'] as const) {
      expect(chatWritingCalls[name], name).toBe(false);
    }
    expect(keyEntryWritingCalls.cancel).toBe(false);
  });

  it('counts a model-list refresh but not the cached list', () => {
    const rule = chatWritingCalls.listModels;
    expect(typeof rule).toBe('function');
    if (typeof rule !== 'function') return;
    expect(rule({ refresh: true })).toBe(true);
    expect(rule({ refresh: false })).toBe(false);
    expect(rule(undefined)).toBe(false);
  });

  it('a page that used up its budget can still stop a stream and remove the key', async () => {
    const ran: string[] = [];
    const handlers = new Proxy({} as Handlers<typeof chatContract>, {
      get: (_t, name: string) => async () => {
        ran.push(name);
        if (name === 'cancelChat') return { cancelled: true };
        if (name === 'removeKey' || name === 'reportKeyExposed') {
          return { state: 'none', backend: 'test', persistenceIsWeak: false };
        }
        return { userMessage: message('u'), assistantMessage: message('a') };
      },
      has: () => true,
    });
    const limits: WriteLimits = { calls: { burst: 2, perMinute: 1 }, bytes: { burst: 1e6, perMinute: 1 } };
    const table = createHandlerTable({
      contract: chatContract,
      handlers,
      policy: { origin: ORIGIN, isOurWindow: (id) => id === 1 },
      sendEvent: () => {},
      log: createMemoryLogger(),
      sanitiseErrors: (value) => value,
      writeLimits: { writingCalls: chatWritingCalls, limits, now: () => 0 },
    });
    const send = () =>
      table.dispatch(chatContract.sendMessage.channel, sender, {
        streamId: STREAM,
        conversationId: 'c1',
        content: 'hello',
        model: 'openai/gpt-4o-mini',
      });
    expect(await send()).toMatchObject({ ok: true });
    expect(await send()).toMatchObject({ ok: true });
    expect(await send()).toMatchObject({ ok: false, error: { code: 'throttled' } });
    expect(await table.dispatch(chatContract.cancelChat.channel, sender, { streamId: STREAM })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await table.dispatch(chatContract.removeKey.channel, sender, undefined)).toMatchObject({
      ok: true,
    });
    expect(await table.dispatch(chatContract.reportKeyExposed.channel, sender, undefined)).toMatchObject({
      ok: true,
    });
    expect(ran).toEqual(['sendMessage', 'sendMessage', 'cancelChat', 'removeKey', 'reportKeyExposed']);
  });
});

function message(id: string) {
  return {
    id,
    role: id === 'u' ? 'user' : 'assistant',
    content: '',
    reasoning: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    model: null,
    status: 'complete',
    error: null,
    usage: null,
    finishReason: null,
    generationId: null,
  } as const;
}
