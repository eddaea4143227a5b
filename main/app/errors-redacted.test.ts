/**
 * The composed services, with OpenRouter answering every call with an error that echoes the key in
 * forms the shape rule cannot see (upper case, base64, percent-encoded): neither the error the window
 * gets nor main's log may hold the key in any of them. Before the known-secrets registry, redaction
 * was by shape only and these passed straight through.
 *
 * The calls go through handler tables built as the app and the harness build them, with the
 * composition root's sanitiser: the redaction happens on the table's one exit path, so these tests
 * hold only if the composed services hand the tables the known-secret redaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatContract, keyEntryContract } from '../../common/ipc/contract';
import { createHandlerTable } from '../ipc/handler-table';
import type { SenderInfo } from '../ipc/sender-policy';
import { chatWritingCalls, keyEntryWritingCalls } from '../ipc/writing-calls';
import { knownSecrets } from '../services/log/known-secrets';
import { createLogger } from '../services/log/logger';
import { makeKey } from '../services/vault/testing/test-support';
import { composeServices, type Services } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function forms(key: string): string[] {
  return [
    key.toUpperCase(),
    Buffer.from(key).toString('base64'),
    encodeURIComponent(key).replace(/-/g, '%2D'),
  ];
}

/** OpenRouter (faked) rejects every call with a 400 whose message quotes the key it was sent. */
const echoingFetch: typeof fetch = async (_input, init) => {
  const auth = new Headers(init?.headers).get('authorization') ?? '';
  const sent = auth.replace(/^Bearer /, '');
  const message = `Invalid request for ${forms(sent).join(' / ')}`;
  return new Response(JSON.stringify({ error: { code: 400, message } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });
};

async function compose() {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-errors-redacted-'));
  dirs.push(dataDir);
  const lines: string[] = [];
  const services = composeServices(
    testServiceAdapters({
      dataDir,
      log: (scope) => createLogger(scope, (line) => lines.push(line), 'debug'),
      fetch: echoingFetch,
    }),
  );
  await services.init();
  return { services, lines };
}

const ORIGIN = 'app://switchboard';
const SENDER: SenderInfo = { windowId: 1, isMainFrame: true, url: `${ORIGIN}/index.html` };

/** Both tables, as main/electron/contract-tables.ts builds them; `sent` holds every event sent. */
function tablesOf(services: Services, lines: string[]) {
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const common = {
    policy: { origin: ORIGIN, isOurWindow: (id: number) => id === 1 },
    sendEvent: (_windowId: number, channel: string, payload: unknown) => sent.push({ channel, payload }),
    log: createLogger('ipc', (line) => lines.push(line), 'debug'),
    sanitiseErrors: services.sanitiseErrors,
  };
  const chat = createHandlerTable({
    ...common,
    contract: chatContract,
    handlers: services.handlers,
    writeLimits: { writingCalls: chatWritingCalls },
  });
  const keyEntry = createHandlerTable({
    ...common,
    contract: keyEntryContract,
    handlers: services.keyEntryHandlers,
    writeLimits: { writingCalls: keyEntryWritingCalls },
  });
  return { chat, keyEntry, sent };
}

describe('errors that echo the key in other forms', () => {
  it('the key window gets the refusal without the candidate in any form, and the log neither', async () => {
    const { services, lines } = await compose();
    const key = makeKey();
    const { keyEntry } = tablesOf(services, lines);
    const answer = await keyEntry.dispatch(keyEntryContract.submit.channel, SENDER, {
      key,
      persistence: 'session',
    });
    expect(answer.ok).toBe(true);
    const result = answer.ok ? (answer.value as { ok: boolean }) : null;
    expect(result?.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).toContain('OpenRouter'); // the message itself is still there
    for (const form of forms(key)) expect(text.includes(form), 'a form of the key in the result').toBe(false);
    for (const form of forms(key))
      expect(lines.join('\n').includes(form), 'a form of the key in the log').toBe(false);
    await services.shutdown();
  });

  it('the chat window gets errors for the stored key without it in any form', async () => {
    const { services, lines } = await compose();
    const key = makeKey();
    // A key stored earlier, unverified (offline then); now every call echoes it back.
    await services.vault.store({ key, source: 'typed', persistence: 'session' }).catch(() => undefined);
    const { chat } = tablesOf(services, lines);
    const outcomes = [
      await chat.dispatch(chatContract.listModels.channel, SENDER, { refresh: true }),
      await chat.dispatch(chatContract.verifyKey.channel, SENDER, undefined),
    ];
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      const message = outcome.ok ? '' : outcome.error.message;
      expect(message).not.toBe('');
      for (const form of forms(key))
        expect(message.includes(form), 'a form of the key in an error').toBe(false);
    }
    for (const form of forms(key))
      expect(lines.join('\n').includes(form), 'a form of the key in the log').toBe(false);
    await services.shutdown();
  });

  it('an event carrying an error (a chat stream batch) crosses without a known secret in any form', async () => {
    const { services, lines } = await compose();
    // A key typed this session, unknown to any shape rule: only the known-secret registry removes it.
    const typed = 'typed-candidate-Qm4v8Lx2';
    knownSecrets.add(typed);
    const { chat, sent } = tablesOf(services, lines);
    const message = `Upstream echoed ${forms(typed).join(' / ')}`;
    const emitted = chat.emit(1, 'onChatEvents', {
      streamId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      conversationId: 'c1',
      messageId: 'm1',
      events: [
        { type: 'delta', content: 'Half a reply', reasoning: '' },
        {
          type: 'error',
          error: { code: 'upstream_error', message, reasons: [`reason ${typed}`] },
          partialContent: 'Half a reply',
          partialReasoning: '',
        },
      ],
    });
    expect(emitted).toBe(true);
    const text = JSON.stringify(sent);
    expect(text).toContain('Upstream echoed');
    expect(text).toContain('Half a reply');
    for (const form of [typed, ...forms(typed)])
      expect(text.includes(form), 'a form of the secret in an event').toBe(false);
    await services.shutdown();
  });
});
