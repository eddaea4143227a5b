/**
 * Invariant 4 (narrow bridge), attacked: 10,000+ generated payloads — anything a compromised renderer
 * could put through structured clone — dispatched through the REAL handler tables over the REAL
 * services (test cipher, in-memory ciphertext store, a temp data directory, the OpenRouter emulator).
 *
 * For every call: it resolves (never rejects, never throws), to `{ ok: false, error: { code, message } }`
 * with a known code — exactly `validation` when the payload does not match the channel's schema — or,
 * when the random payload happens to be valid, to `{ ok: true, value }` whose value matches the
 * response schema. No result, event or log line carries the key; no `internal` error (a handler bug);
 * no unhandled rejection; `Object.prototype` is never polluted; and main talks only to the OpenRouter
 * API paths of the configured origin — never to the attacker's loopback server, whose URL is in every
 * string field the fuzzer fills.
 *
 * Then every channel (and unknown ones) is called from senders that are not our window's main frame
 * at our origin: each is refused with `forbidden_sender` and no handler or service method runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from '../../common/errors';
import { chatContract, keyEntryContract } from '../../common/ipc/contract';
import type { Contract, InvokeSpec, Result } from '../../common/ipc/define';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { type AttackerServer, startAttackerServer } from '../../e2e/harness-specs/helpers/attacker-server';
import { composeServices, type Services } from '../app/compose-services';
import { KEY_SETTINGS_URL } from '../app/key-intake';
import { broadcastSettingsChanges } from '../app/settings-broadcast';
import { createHandlerTable, type HandlerTable } from '../ipc/handler-table';
import type { SenderInfo } from '../ipc/sender-policy';
import type { WriteLimits } from '../ipc/write-budget';
import { chatWritingCalls, keyEntryWritingCalls } from '../ipc/writing-calls';
import { createLogger } from '../services/log/logger';
import { createMemoryCiphertextStore } from '../services/vault/testing/memory-ciphertext-store';
import { createTestCipher } from '../services/vault/testing/test-cipher';

const ORIGIN = 'app://switchboard';
const CHAT_WINDOW = 1;
const KEY_WINDOW = 2;
const chatSender: SenderInfo = { windowId: CHAT_WINDOW, isMainFrame: true, url: `${ORIGIN}/index.html` };
const keySender: SenderInfo = { windowId: KEY_WINDOW, isMainFrame: true, url: `${ORIGIN}/key-entry.html` };

/** At least this many generated payloads in all (the issue asks for 10,000). */
const TOTAL_RUNS = 10_000;
const MODEL = 'openai/gpt-4o-mini';
/** Paths on the configured origin main may contact: the OpenRouter API and its consent page. */
// Issue 15 adds the account's models, the provider list and one model's endpoints (author/slug only:
// a fuzzed model id must never reach another path).
const ALLOWED_PATH =
  /^\/api\/v1\/(models|models\/user|providers|generation|models\/[\w.~-]+\/[\w.:~-]+\/endpoints|key|chat\/completions|auth\/keys)$|^\/auth$/;
const ERROR_CODE_SET = new Set<string>(ERROR_CODES);

let emulator: Emulator;
let attacker: AttackerServer;
let dataDir: string;
let exportDir: string;
let services: Services;
let chatTable: HandlerTable;
let keyTable: HandlerTable;
let key: string;

const logLines: string[] = [];
const events: string[] = [];
const openedUrls: string[] = [];
const signInUrls: string[] = [];
const exportNames: string[] = [];
const handlerRuns: string[] = [];
const unhandled: unknown[] = [];
const uncaught: unknown[] = [];
const internalErrors: string[] = [];
let totalRuns = 0;
/** Per channel, how many generated payloads happened to be valid (and so reached the handler). */
const validRuns = new Map<string, number>();
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const onUncaught = (error: unknown) => uncaught.push(error);
const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayProtoKeysBefore = Object.getOwnPropertyNames(Array.prototype).sort();

/** A conversation with a user message and a reply, so id-taking channels have real targets. */
const target = { conversationId: '', userMessageId: '', replyId: '', victimId: '' };

/** Does `text` hold the key, its secret part, or any 16-character piece of the secret? */
function holdsKey(text: string): boolean {
  const secret = key.slice('sk-or-v1-'.length);
  if (text.includes(secret)) return true;
  for (let at = 0; at + 16 <= secret.length; at += 4)
    if (text.includes(secret.slice(at, at + 16))) return true;
  return text.includes(Buffer.from(key).toString('base64').slice(0, 24));
}

function wrapHandlers<T extends object>(handlers: T, prefix: string): T {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        handlerRuns.push(`${prefix}.${name}`);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as T;
}

async function restoreKey(): Promise<void> {
  if (services.vault.status().state !== 'stored') {
    await services.vault.store({ key, source: 'env', persistence: 'encrypted' });
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtExceptionMonitor', onUncaught);
  [emulator, attacker] = await Promise.all([startEmulator(), startAttackerServer()]);
  key = emulator.defaultKey;
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-ipc-fuzz-'));
  exportDir = join(dataDir, 'exports');
  const log = (scope: string) => createLogger(scope, (line) => logLines.push(line), 'debug');
  services = composeServices({
    appInfo: { name: 'Switchboard (fuzz)', version: '0.0.0-fuzz', platform: process.platform },
    openRouterBaseUrl: emulator.baseUrl,
    dataDir,
    cipher: createTestCipher({ backend: 'gnome_libsecret' }),
    ciphertextStore: createMemoryCiphertextStore(),
    log,
    platform: 'linux',
    openExternal: async (url) => {
      openedUrls.push(url.toString());
      return true;
    },
    // Main's own questions (a key for another origin, replacing a key) always get the safe "no".
    ask: async () => false,
    dialogs: {
      chooseExportFile: async (defaultName) => {
        exportNames.push(defaultName);
        const { mkdir } = await import('node:fs/promises');
        await mkdir(exportDir, { recursive: true });
        return join(exportDir, defaultName);
      },
      chooseImportFile: async () => null,
      chooseAttachFiles: async () => null,
      chooseAttachmentFile: async () => null,
      chooseImageFile: async () => null,
      chooseCsvFile: async (defaultName) => {
        exportNames.push(defaultName);
        const { mkdir } = await import('node:fs/promises');
        await mkdir(exportDir, { recursive: true });
        return join(exportDir, defaultName);
      },
    },
    keyIntake: {
      // What the clipboard holds is attacker-chosen too: main must never fetch it.
      clipboard: { readText: () => attacker.url('/clipboard'), clear: () => undefined },
      // No browser here: the sign-in fails at once instead of waiting five minutes.
      openSignInPage: async (url) => {
        signInUrls.push(url);
        throw new Error('no system browser in this test');
      },
      openKeySettingsPage: async () => {
        openedUrls.push(KEY_SETTINGS_URL);
      },
      openKeyWindow: async () => true,
      closeKeyWindow: () => undefined,
      env: { OPENROUTER_API_KEY: emulator.defaultKey },
    },
  });
  await services.init();
  await restoreKey();
  const conversation = await services.history.create({ model: MODEL });
  const user = await services.history.appendUserMessage(conversation.id, 'hello fuzz');
  const reply = await services.history.beginReply(conversation.id, { model: MODEL });
  await services.history.finishReply(conversation.id, reply.id, { status: 'complete', content: 'hi' });
  const victim = await services.history.create({ model: null });
  Object.assign(target, {
    conversationId: conversation.id,
    userMessageId: user.id,
    replyId: reply.id,
    victimId: victim.id,
  });

  // The fuzz sends thousands of valid writing calls from one window within seconds: far over the
  // default per-window budget (write-budget.ts), which handler-table.test.ts covers. Here the budget
  // is generous so every valid payload still reaches its handler and the services behind it.
  const writeLimits: WriteLimits = {
    calls: { burst: 1_000_000, perMinute: 1_000_000 },
    bytes: { burst: 1e12, perMinute: 1e12 },
  };
  const sendEvent = (_windowId: number, channel: string, payload: unknown) => {
    events.push(`${channel} ${JSON.stringify(payload)}`);
  };
  chatTable = createHandlerTable({
    contract: chatContract,
    handlers: wrapHandlers(services.handlers, 'chat'),
    policy: { origin: ORIGIN, isOurWindow: (id) => id === CHAT_WINDOW },
    sendEvent,
    log: log('ipc'),
    sanitiseErrors: services.sanitiseErrors,
    writeLimits: { writingCalls: chatWritingCalls, limits: writeLimits },
  });
  keyTable = createHandlerTable({
    contract: keyEntryContract,
    handlers: wrapHandlers(services.keyEntryHandlers, 'key-entry'),
    policy: { origin: ORIGIN, isOurWindow: (id) => id === KEY_WINDOW },
    sendEvent,
    log: log('ipc-key-entry'),
    sanitiseErrors: services.sanitiseErrors,
    writeLimits: { writingCalls: keyEntryWritingCalls, limits: writeLimits },
  });
  // As main's glue does (main/index.ts): every saved settings change is pushed to the chat window, so
  // the fuzz's settings writes produce `onSettingsChanged` events, scanned for the key below.
  broadcastSettingsChanges({
    onChange: (listener) => services.settings.onChange(listener),
    asSent: services.settingsAsSent,
    windowIds: () => [CHAT_WINDOW],
    emit: (id, settings) =>
      (chatTable as HandlerTable<typeof chatContract>).emit(id, 'onSettingsChanged', settings),
  });
}, 30_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtExceptionMonitor', onUncaught);
  await services?.shutdown();
  await Promise.all([emulator?.close(), attacker?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// --- Payload generators -------------------------------------------------------------------------------

/** A valid request for each invoke channel: the fuzzer mutates these, the sender test sends them. */
const validExamples: Record<string, () => unknown> = {
  getAppInfo: () => undefined,
  getKeyStatus: () => undefined,
  verifyKey: () => undefined,
  removeKey: () => undefined,
  startSignIn: () => ({ persistence: 'session' }),
  cancelSignIn: () => undefined,
  importKeyFromClipboard: () => ({ persistence: 'encrypted' }),
  openKeyWindow: () => undefined,
  getEnvKeyOffer: () => undefined,
  acceptEnvKey: () => ({ persistence: 'session' }),
  dismissEnvKey: () => undefined,
  reportKeyExposed: () => undefined,
  listModels: () => ({ refresh: false }),
  getSettings: () => undefined,
  updateSettings: () => ({ theme: 'dark', systemPrompt: 'Be brief.' }),
  listModelEndpoints: () => ({ modelId: MODEL }),
  listAccountModelIds: () => undefined,
  listProviders: () => undefined,
  getConversationOptions: () => ({ conversationId: target.conversationId }),
  setConversationOptions: () => ({
    conversationId: target.conversationId,
    options: { reasoning: { kind: 'effort', effort: 'high' }, webSearchAlways: false },
  }),
  listConversations: () => ({ offset: 0, limit: 20 }),
  createConversation: () => ({ model: MODEL }),
  renameConversation: () => ({ conversationId: target.conversationId, title: 'Renamed' }),
  deleteConversation: () => ({ conversationId: target.victimId }),
  restoreConversation: () => ({ undoToken: 'undo-token' }),
  listQuarantined: () => undefined,
  loadMessages: () => ({ conversationId: target.conversationId, limit: 50 }),
  searchHistory: () => ({ query: 'hello', limit: 10 }),
  exportHistory: () => ({ conversationId: target.conversationId, format: 'json' }),
  importHistory: () => undefined,
  sendMessage: () => ({
    streamId: randomUUID(),
    conversationId: target.conversationId,
    content: 'hello again',
    model: MODEL,
  }),
  regenerate: () => ({
    streamId: randomUUID(),
    conversationId: target.conversationId,
    fromMessageId: target.replyId,
    model: MODEL,
  }),
  editAndResend: () => ({
    streamId: randomUUID(),
    conversationId: target.conversationId,
    messageId: target.userMessageId,
    content: 'edited',
    model: MODEL,
  }),
  cancelChat: () => ({ streamId: randomUUID() }),
  // Issue 18: show a version; compare two models (each column its own stream).
  switchBranch: () => ({ conversationId: target.conversationId, messageId: target.replyId }),
  compareModels: () => ({
    conversationId: target.conversationId,
    content: 'compare this',
    columns: [
      { streamId: randomUUID(), model: MODEL },
      { streamId: randomUUID(), model: MODEL },
    ],
  }),
  getReplyImage: () => ({
    conversationId: target.conversationId,
    messageId: target.replyId,
    imageId: '1.png',
  }),
  saveReplyImage: () => ({
    conversationId: target.conversationId,
    messageId: target.replyId,
    imageId: '1.png',
  }),
  // Issue 17: a tiny valid PNG's hash (staged or not, the handler answers with a typed error or a value).
  attachFiles: () => undefined,
  stageAttachment: () => ({ name: 'x.txt', dataBase64: Buffer.from('hello').toString('base64') }),
  discardAttachment: () => ({ sha256: 'a'.repeat(64) }),
  getAttachmentImage: () => ({ sha256: 'a'.repeat(64) }),
  saveAttachment: () => ({
    sha256: 'a'.repeat(64),
    conversationId: target.conversationId,
    messageId: target.userMessageId,
  }),
  getSpending: () => ({ days: 30 }),
  getConversationSpending: () => ({ conversationId: target.conversationId }),
  exportSpendingCsv: () => ({ days: 30 }),
  // Issue 20: backups are named by id (an unknown one is refused with a typed error).
  listBackups: () => undefined,
  backUpNow: () => undefined,
  restoreBackup: () => ({ backupId: '2026-01-01T00-00-00-000Z-manual-0a0b0c' }),
  listBackupConversations: () => ({ backupId: '2026-01-01T00-00-00-000Z-manual-0a0b0c' }),
  saveEncryptedBackup: () => ({
    backupId: '2026-01-01T00-00-00-000Z-manual-0a0b0c',
    passphrase: 'correct horse battery staple',
  }),
  openEncryptedBackup: () => ({ passphrase: 'correct horse battery staple' }),
  restoreBackupConversation: () => ({
    backupId: '2026-01-01T00-00-00-000Z-manual-0a0b0c',
    conversationId: target.conversationId,
  }),
  estimateCost: () => ({ conversationId: target.conversationId, model: MODEL, draft: 'hello' }),
  openExternal: () => ({ url: 'https://openrouter.ai/docs' }),
  // Issue 20: updates take no arguments (the composed services have no updater: "not packaged").
  getUpdateStatus: () => undefined,
  checkForUpdates: () => undefined,
  restartToUpdate: () => undefined,
  // Issue 20: the interface language (chat and key-entry contracts); no arguments.
  getLocale: () => undefined,
  // key-entry contract
  getKeyEntryContext: () => undefined,
  submit: () => ({ key: `sk-or-v1-${'0f'.repeat(32)}`, persistence: 'session' }),
  cancel: () => undefined,
};

function deepNest(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

function withOwnKey(base: object, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Built once: hostile values that are expensive to generate or must be exact. */
function fixedHostileValues(): unknown[] {
  const attackerUrl = attacker.url('/steal');
  const nullProto = Object.create(null) as Record<string, unknown>;
  nullProto.persistence = 'session';
  const sparse: unknown[] = [];
  sparse.length = 1_000_000;
  return [
    null,
    undefined,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    1e308,
    2n ** 70n,
    '',
    ' ',
    '\u0000',
    '\u202e\u200b\ufeff',
    '../../evil',
    '..\\..\\..\\Windows\\System32',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/etc/passwd',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    attackerUrl,
    `${attackerUrl}?authorization=Bearer`,
    `//127.0.0.1:${attacker.port}/`,
    `https://user:pass@127.0.0.1:${attacker.port}/`,
    'https://evil.example/',
    'http://openrouter.ai.evil.example/api/v1',
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'x'.repeat(200),
    'x'.repeat(201),
    'y'.repeat(1_000_000),
    'y'.repeat(1_000_001),
    'z'.repeat(4_000_000),
    [],
    {},
    [[[]]],
    new Array(100_000).fill('a'),
    sparse,
    deepNest(5_000),
    nullProto,
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    new Date(Number.NaN),
    new Date(0),
    /regex/g,
    new Map([['__proto__', { polluted: 'yes' }]]),
    new Set(['a']),
    new Uint8Array(64),
    new ArrayBuffer(16),
    new Error('boom'),
  ];
}

let fixedHostile: unknown[] = [];

function hostileArb(): fc.Arbitrary<unknown> {
  const attackerUrl = attacker.url('/x');
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixedHostile) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
    { weight: 1, arbitrary: fc.oneof(fc.webUrl(), fc.constant(attackerUrl)) },
    {
      weight: 2,
      arbitrary: fc.anything({
        maxDepth: 3,
        maxKeys: 6,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
      }),
    },
  );
}

/** A value of another JS type than `valid` (the per-field "wrong type" mutation). */
function wrongTypeArb(valid: unknown): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: fc.oneof(fc.integer(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0)),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    stringified: fc.constant(String(valid)),
  };
  const kind = valid === null ? 'null' : Array.isArray(valid) ? 'array' : typeof valid;
  const others = Object.entries(all)
    .filter(([name]) => name !== kind && !(name === 'stringified' && kind === 'string'))
    .map(([, arb]) => arb);
  return fc.oneof(...others);
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'then', 'extra', ''];

/** Near-valid payloads: the channel's valid request with fields swapped, dropped or added. */
function nearValidArb(example: unknown): fc.Arbitrary<unknown> {
  if (example === undefined || example === null || typeof example !== 'object') {
    return fc.oneof(fc.constant(example), hostileArb());
  }
  const entries = Object.entries(example as Record<string, unknown>);
  const fieldArbs = entries.map(([name, valid]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant({ name, value: valid as unknown, keep: true }) },
      { weight: 3, arbitrary: hostileArb().map((value) => ({ name, value, keep: true })) },
      { weight: 2, arbitrary: wrongTypeArb(valid).map((value) => ({ name, value, keep: true })) },
      { weight: 1, arbitrary: fc.constant({ name, value: undefined as unknown, keep: false }) },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...fieldArbs),
      fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostileArb()), { freq: 4 }),
    )
    .map(([fields, extra]) => {
      let payload: Record<string, unknown> = {};
      for (const field of fields) if (field.keep) payload[field.name] = field.value;
      if (extra) payload = withOwnKey(payload, extra[0], extra[1]);
      return payload;
    });
}

function payloadArb(example: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: nearValidArb(example) },
    { weight: 2, arbitrary: hostileArb() },
    {
      weight: 1,
      arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
    },
  );
}

// --- The oracle ---------------------------------------------------------------------------------------

const ResultShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z
    .object({
      ok: z.literal(false),
      error: z.object({ code: z.string(), message: z.string().min(1) }).loose(),
    })
    .strict(),
]);

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return (text ?? String(payload)).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(payload);
  }
}

/** Fails with a message built only when needed: describing a 4 MB payload on every run would be slow. */
function check(condition: boolean, message: () => string): void {
  if (!condition) expect.fail(message());
}

async function dispatchChecked(
  table: HandlerTable,
  channel: string,
  sender: SenderInfo,
  payload: unknown,
): Promise<Result<unknown>> {
  let pending: Promise<Result<unknown>>;
  try {
    pending = table.dispatch(channel, sender, payload);
  } catch (error) {
    return expect.fail(`dispatch threw synchronously on ${channel}: ${String(error)}`);
  }
  check(pending instanceof Promise, () => `dispatch on ${channel} did not return a promise`);
  const result = await pending;
  totalRuns++;
  check(ResultShape.safeParse(result).success, () => {
    return `result shape on ${channel} for ${describePayload(payload)}: ${describePayload(result)}`;
  });
  check(!holdsKey(JSON.stringify(result)), () => `the key is in the result of ${channel}`);
  if (!result.ok) {
    check(
      ERROR_CODE_SET.has(result.error.code),
      () => `unknown error code ${result.error.code} on ${channel}`,
    );
    if (result.error.code === 'internal') internalErrors.push(`${channel}: ${describePayload(payload)}`);
  }
  return result;
}

async function checkInvoke(
  table: HandlerTable,
  contract: Contract,
  name: string,
  sender: SenderInfo,
  payload: unknown,
): Promise<void> {
  const spec = contract[name] as InvokeSpec;
  const valid = spec.request.safeParse(payload).success;
  const result = await dispatchChecked(table, spec.channel, sender, payload);
  if (!valid) {
    check(
      !result.ok && result.error.code === 'validation',
      () => `${name} must refuse ${describePayload(payload)} as validation, got ${describePayload(result)}`,
    );
  } else {
    validRuns.set(name, (validRuns.get(name) ?? 0) + 1);
    if (result.ok) {
      check(
        spec.response.safeParse(result.value).success,
        () => `${name} returned a value outside its response schema: ${describePayload(result.value)}`,
      );
    }
  }
}

function invokeNames(contract: Contract): string[] {
  return Object.entries(contract)
    .filter(([, spec]) => spec.kind === 'invoke')
    .map(([name]) => name);
}

const chatInvokes = invokeNames(chatContract);
const keyInvokes = invokeNames(keyEntryContract);
function channelsOf(contract: Contract): string[] {
  return Object.values(contract).map((spec) => spec.channel);
}

const eventChannels = Object.values(chatContract)
  .filter((spec) => spec.kind === 'event')
  .map((spec) => spec.channel);
const UNKNOWN_CHANNELS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  'chat:getKey',
  'chat:readKey',
  'fetch',
  'chat:openPath',
  `${chatContract.sendMessage.channel} `,
  chatContract.sendMessage.channel.toUpperCase(),
  // A contract key without its prefix is not a wire name.
  'sendMessage',
  'x'.repeat(10_000),
  ...keyEntryContract.submit.channel.split(':').map((p) => `${p}:`),
];
const channelCount = chatInvokes.length + keyInvokes.length + 1;
const RUNS_PER_CHANNEL = Math.ceil(TOTAL_RUNS / channelCount);

// --- The tests ----------------------------------------------------------------------------------------

describe('IPC fuzz: malformed payloads through the real handler tables', () => {
  beforeAll(() => {
    fixedHostile = fixedHostileValues();
  });

  it('has a valid example for every invoke channel (so the fuzz and sender tests cover them all)', () => {
    for (const [contract, names] of [
      [chatContract, chatInvokes],
      [keyEntryContract, keyInvokes],
    ] as const) {
      for (const name of names) {
        const example = validExamples[name];
        expect(example, `example for ${name}`).toBeTypeOf('function');
        const spec = (contract as Contract)[name] as InvokeSpec;
        expect(spec.request.safeParse(example?.()).success, `example for ${name} is valid`).toBe(true);
      }
    }
  });

  for (const name of chatInvokes) {
    it(`chat channel ${name}: ${RUNS_PER_CHANNEL} payloads, each a typed result`, async () => {
      await restoreKey();
      const example = validExamples[name]?.();
      await fc.assert(
        fc.asyncProperty(payloadArb(example), async (payload) => {
          await checkInvoke(chatTable, chatContract, name, chatSender, payload);
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 0x5eed + name.length, endOnFailure: true },
      );
    });
  }

  for (const name of keyInvokes) {
    it(`key-entry channel ${name}: ${RUNS_PER_CHANNEL} payloads, each a typed result`, async () => {
      await restoreKey();
      const example = validExamples[name]?.();
      await fc.assert(
        fc.asyncProperty(payloadArb(example), async (payload) => {
          await checkInvoke(keyTable, keyEntryContract, name, keySender, payload);
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 0xc0de + name.length, endOnFailure: true },
      );
    });
  }

  it(`event and unknown channels: ${RUNS_PER_CHANNEL} calls, each refused as validation`, async () => {
    // Each table also refuses the other contract's channels: the chat window cannot submit a key.
    const onChat = [...eventChannels, ...UNKNOWN_CHANNELS, ...channelsOf(keyEntryContract)];
    const onKey = [...eventChannels, ...UNKNOWN_CHANNELS, ...channelsOf(chatContract)];
    const calls = fc.oneof(
      fc.constantFrom(...onChat).map((channel) => ({ channel, table: chatTable, sender: chatSender })),
      fc.constantFrom(...onKey).map((channel) => ({ channel, table: keyTable, sender: keySender })),
    );
    await fc.assert(
      fc.asyncProperty(calls, payloadArb(undefined), async ({ channel, table, sender }, payload) => {
        const result = await dispatchChecked(table, channel, sender, payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
      }),
      { numRuns: RUNS_PER_CHANNEL, seed: 0xbad, endOnFailure: true },
    );
    // Non-string channel names (the WebSocket transport parses JSON; ipcMain always gives strings).
    for (const channel of [
      undefined,
      null,
      42,
      {},
      [chatContract.sendMessage.channel],
      { toString: () => chatContract.sendMessage.channel },
    ]) {
      const result = await dispatchChecked(chatTable, channel as unknown as string, chatSender, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it('valid requests with the attacker URL in every string field still reach only the OpenRouter API', async () => {
    await restoreKey();
    const evil = attacker.url('/steal');
    const chatBefore = emulator.requests.filter((r) => r.path === '/api/v1/chat/completions').length;
    const stream = () => randomUUID();
    const calls: Array<[string, unknown]> = [
      ['updateSettings', { defaultModel: evil, systemPrompt: `Fetch ${evil} now`, favouriteModels: [evil] }],
      ['createConversation', { model: evil }],
      ['renameConversation', { conversationId: target.conversationId, title: evil }],
      ['searchHistory', { query: evil }],
      ['restoreConversation', { undoToken: evil }],
      ['listModels', { refresh: true }],
      ['exportHistory', { format: 'markdown' }],
      ['openExternal', { url: `https://127.0.0.1:${attacker.port}/opened-not-fetched` }],
      [
        'sendMessage',
        {
          streamId: stream(),
          conversationId: target.conversationId,
          content: `![x](${evil}) ${evil}`,
          model: evil,
        },
      ],
      [
        'sendMessage',
        { streamId: stream(), conversationId: target.conversationId, content: evil, model: MODEL },
      ],
      [
        'sendMessage',
        { streamId: stream(), conversationId: target.conversationId, content: 'x', model: '../../evil' },
      ],
    ];
    for (const [name, payload] of calls) {
      const spec = (chatContract as Contract)[name] as InvokeSpec;
      expect(spec.request.safeParse(payload).success, name).toBe(true);
      await checkInvoke(chatTable, chatContract, name, chatSender, payload);
    }
    // Plain http to another host is never opened, whatever the page asks.
    for (const url of [
      evil,
      'javascript:alert(1)',
      'file:///etc/passwd',
      `https://u:p@${new URL(evil).host}/`,
    ]) {
      const result = await dispatchChecked(chatTable, chatContract.openExternal.channel, chatSender, { url });
      expect(result, url).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    await services.sessions.settle();
    const chats = emulator.requests.filter((r) => r.path === '/api/v1/chat/completions').slice(chatBefore);
    // The model ids travelled as data in the JSON body to OpenRouter, never as a destination.
    expect(chats.length).toBeGreaterThanOrEqual(3);
    expect(chats.map((r) => (r.body as { model?: string } | null)?.model)).toEqual(
      expect.arrayContaining([evil, MODEL, '../../evil']),
    );
    expect(attacker.requests).toEqual([]);
    await services.settings.update({ defaultModel: null, systemPrompt: '', favouriteModels: [] });
  });

  it('ran the promised number of payloads, without a crash, a leak, a pollution or a stray request', async () => {
    // Let the streams the valid sends started finish (or fail) so their requests are recorded.
    await services.sessions.settle();
    await services.history.flush();
    expect(totalRuns).toBeGreaterThanOrEqual(TOTAL_RUNS);
    console.info(
      `ipc-fuzz: ${totalRuns} calls; valid payloads per channel: ${[...validRuns].map(([n, c]) => `${n}=${c}`).join(' ')}`,
    );
    expect(unhandled.map(String), 'unhandled promise rejections').toEqual([]);
    expect(uncaught.map(String), 'uncaught exceptions').toEqual([]);
    expect(internalErrors, 'valid payloads that hit a handler bug (internal error)').toEqual([]);
    expect(
      logLines.filter((l) => /handler failed|outside its contract/.test(l)),
      'handler failures in main log',
    ).toEqual([]);

    // No prototype was polluted by `__proto__` / `constructor.prototype` payloads.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Main spoke to the configured origin only, and there only to OpenRouter's API and consent page.
    expect(attacker.requests, 'requests the attacker server received').toEqual([]);
    expect(attacker.connections, 'connections to the attacker server').toBe(0);
    const stray = emulator.requests.filter((r) => !ALLOWED_PATH.test(r.path)).map((r) => r.path);
    expect(stray, 'emulator requests outside the OpenRouter API').toEqual([]);
    // The fuzz did reach the network through valid payloads (otherwise the check above proves nothing).
    expect(emulator.requests.some((r) => r.path === '/api/v1/chat/completions')).toBe(true);
    // A Bearer key goes to the API only (a typed key is verified at /key with itself as the Bearer).
    const bearerPaths = emulator.requests
      .filter((r) => r.headers.authorization !== undefined)
      .map((r) => r.path);
    for (const path of bearerPaths) expect(path).toMatch(/^\/api\/v1\//);

    // Links main opened were all https (it opens what `parseSafeExternalUrl` accepted, nothing else).
    expect(openedUrls.length).toBeGreaterThan(0);
    for (const url of openedUrls) expect(new URL(url).protocol).toBe('https:');
    // Sign-in hands the browser only main's one-time loopback launch URL (which redirects to the
    // configured origin's consent page), never a URL the page chose.
    for (const url of signInUrls) {
      const parsed = new URL(url);
      expect(parsed.hostname, url).toBe('127.0.0.1');
      expect(Number(parsed.port), url).not.toBe(attacker.port);
      expect(parsed.pathname, url).toMatch(/^\/launch\/[A-Za-z0-9_-]+$/);
      expect(parsed.search, url).toBe('');
    }

    // Exports were written only inside the export directory, under names main chose.
    // (the page names no path; the default name only carries a conversation id that matched its regex).
    expect(exportNames.length).toBeGreaterThan(0);
    for (const name of exportNames) expect(name).toMatch(/^switchboard-[A-Za-z0-9_-]+\.(json|md|csv)$/);
    const written = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const exports = written.filter((e) => e.isFile() && e.name.startsWith('switchboard-'));
    expect(exports.length).toBeGreaterThan(0);
    for (const file of exports) expect(relative(exportDir, file.parentPath), file.name).toBe('');

    // Nothing main logged or pushed as an event carries the key.
    expect(logLines.filter(holdsKey), 'log lines with the key').toEqual([]);
    expect(events.filter(holdsKey), 'events with the key').toEqual([]);
    // The settings pushed to windows after the fuzz's valid changes were among them (issue 20).
    expect(events.some((e) => e.startsWith(`${chatContract.onSettingsChanged.channel} `))).toBe(true);
  });
});

describe('IPC sender policy: calls from anywhere but our main frame are refused before any handler', () => {
  const badSenders = (goodWindow: number, page: string): Array<[string, SenderInfo]> => [
    [
      'a foreign https origin',
      { windowId: goodWindow, isMainFrame: true, url: 'https://evil.example/index.html' },
    ],
    [
      'a look-alike app host',
      { windowId: goodWindow, isMainFrame: true, url: 'app://switchboard.evil/index.html' },
    ],
    [
      'credentials in the app URL',
      { windowId: goodWindow, isMainFrame: true, url: 'app://switchboard@evil/' },
    ],
    [
      'another custom scheme',
      { windowId: goodWindow, isMainFrame: true, url: 'evil://switchboard/index.html' },
    ],
    ['file://', { windowId: goodWindow, isMainFrame: true, url: 'file:///tmp/switchboard/index.html' }],
    ['a data: URL', { windowId: goodWindow, isMainFrame: true, url: 'data:text/html,<script></script>' }],
    ['about:blank', { windowId: goodWindow, isMainFrame: true, url: 'about:blank' }],
    ['the attacker loopback', { windowId: goodWindow, isMainFrame: true, url: 'http://127.0.0.1:9/' }],
    ['an unparsable URL', { windowId: goodWindow, isMainFrame: true, url: 'not a url' }],
    ['an iframe of our page', { windowId: goodWindow, isMainFrame: false, url: `${ORIGIN}/${page}` }],
    ['an unknown window', { windowId: 999, isMainFrame: true, url: `${ORIGIN}/${page}` }],
    [
      'a window of the other kind',
      {
        windowId: goodWindow === CHAT_WINDOW ? KEY_WINDOW : CHAT_WINDOW,
        isMainFrame: true,
        url: `${ORIGIN}/${page}`,
      },
    ],
    ['no window at all', { windowId: null, isMainFrame: true, url: `${ORIGIN}/${page}` }],
    ['a null frame URL', { windowId: goodWindow, isMainFrame: true, url: null }],
    ['a gone frame', { windowId: goodWindow, isMainFrame: false, url: null }],
  ];

  it('refuses every channel of both contracts with forbidden_sender, and nothing runs', async () => {
    await services.sessions.settle();
    const spies = [
      services.vault,
      services.settings,
      services.history,
      services.keyIntake,
      services.keyIntake.envOffer,
      services.keyIntake.typed,
      services.sessions,
      services.client,
    ].flatMap((service) =>
      Object.entries(service)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => vi.spyOn(service as unknown as Record<string, () => unknown>, name).mockName(name)),
    );
    expect(spies.length).toBeGreaterThan(20);
    const runsBefore = handlerRuns.length;
    const requestsBefore = emulator.requests.length;
    const openedBefore = openedUrls.length;
    const eventsBefore = events.length;
    try {
      let calls = 0;
      for (const [table, contract, names, window, page] of [
        [chatTable, chatContract, chatInvokes, CHAT_WINDOW, 'index.html'],
        [keyTable, keyEntryContract, keyInvokes, KEY_WINDOW, 'key-entry.html'],
      ] as const) {
        const channels = [
          ...names.map((name) => ({ channel: (contract as Contract)[name]?.channel ?? '', name })),
          ...UNKNOWN_CHANNELS.map((channel) => ({ channel, name: 'unknown' })),
        ];
        for (const [why, sender] of badSenders(window, page)) {
          for (const { channel, name } of channels) {
            const payload = validExamples[name]?.();
            const result = await dispatchChecked(table, channel, sender, payload);
            expect(result, `${channel} from ${why}`).toEqual({
              ok: false,
              error: {
                code: 'forbidden_sender',
                message: expect.any(String),
                messageId: 'errors.app.forbiddenSender',
              },
            });
            calls++;
          }
        }
      }
      expect(calls).toBeGreaterThan(500);
      expect(handlerRuns.slice(runsBefore), 'handlers that ran for a refused sender').toEqual([]);
      const called = spies.filter((spy) => spy.mock.calls.length > 0).map((spy) => spy.getMockName());
      expect(called, 'service methods called for a refused sender').toEqual([]);
      expect(emulator.requests.length - requestsBefore, 'requests made for a refused sender').toBe(0);
      expect(openedUrls.length - openedBefore).toBe(0);
      expect(events.length - eventsBefore).toBe(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('still serves our own main frame (the refusals above are not a table that refuses everything)', async () => {
    const result = await chatTable.dispatch(chatContract.getAppInfo.channel, chatSender, undefined);
    expect(result).toMatchObject({ ok: true, value: { openRouterOrigin: emulator.origin } });
    const keyResult = await keyTable.dispatch(
      keyEntryContract.getKeyEntryContext.channel,
      keySender,
      undefined,
    );
    expect(keyResult).toMatchObject({ ok: true });
  });
});
