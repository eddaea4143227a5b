/**
 * The composed services, launched at another origin than the stored key was verified against: the
 * client gets no key and makes no request until the person agrees in main's dialog; asked once, with
 * both origins; "no" (or a failing dialog) holds for the launch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors';
import {
  createMemoryCiphertextStore,
  type MemoryCiphertextStore,
} from '../services/vault/testing/memory-ciphertext-store';
import type { TestCipher } from '../services/vault/testing/test-cipher';
import { makeKey, makeVault } from '../services/vault/testing/test-support';
import { composeServices } from './compose-services';
import type { MainQuestion } from './questions';
import { testServiceAdapters } from './testing/service-adapters';

const HOME = 'https://openrouter.ai';
const ELSEWHERE_BASE = 'https://collector.example/api/v1';
const ELSEWHERE = 'https://collector.example';

interface Sent {
  url: string;
  authorization: string | null;
}

let dataDir: string;
let key: string;
let cipher: TestCipher;
let store: MemoryCiphertextStore;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-key-origin-'));
  key = makeKey();
  // A previous launch, at OpenRouter's own origin, stored the key.
  const previous = makeVault({ launchOrigin: HOME });
  await previous.vault.store({ key, source: 'clipboard', persistence: 'encrypted' });
  cipher = previous.cipher;
  store = previous.store;
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** This launch, pointed at `baseUrl`; `answer` plays the person in main's dialog. */
function launch(baseUrl: string, answer: (q: MainQuestion) => Promise<boolean>) {
  const sent: Sent[] = [];
  const questions: Array<{ question: MainQuestion; windowId: number | null }> = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const url = String(input);
    sent.push({ url, authorization: headers.get('authorization') });
    // GET /key's shape or the model list's; the test is about who is asked, not what they say.
    const body = url.endsWith('/key') ? { data: { label: 'test', usage: 0 } } : { data: [] };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const services = composeServices(
    testServiceAdapters({
      openRouterBaseUrl: baseUrl,
      dataDir,
      cipher,
      ciphertextStore: store,
      ask: async (question, windowId) => {
        questions.push({ question, windowId });
        return answer(question);
      },
      fetch: fakeFetch,
    }),
  );
  return { services, sent, questions };
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof AppFailure ? error.error.code : String(error);
  }
}

describe('a launch pointed at another origin than the stored key’s', () => {
  it('asks once, naming both origins; "no" sends nothing there, with a typed error', async () => {
    const { services, sent, questions } = launch(ELSEWHERE_BASE, async () => false);
    await services.init();
    await services.keyOriginConsent.askOnce();
    expect(questions).toEqual([
      { question: { kind: 'send-key-to-origin', keyOrigin: HOME, launchOrigin: ELSEWHERE }, windowId: null },
    ]);
    expect(services.vault.status()).toMatchObject({
      state: 'origin-mismatch',
      keyOrigin: HOME,
      launchOrigin: ELSEWHERE,
    });

    expect(await codeOf(services.client.listModels())).toBe('key_origin_mismatch');
    expect(await codeOf(services.client.getKeyInfo())).toBe('key_origin_mismatch');
    expect(await codeOf(services.vault.verify())).toBe('key_origin_mismatch');
    expect(sent).toEqual([]);

    // Never asked again in this launch.
    await services.keyOriginConsent.askOnce();
    expect(questions).toHaveLength(1);
    await services.shutdown();
  });

  it('"send" lets this launch use the key there', async () => {
    const { services, sent } = launch(ELSEWHERE_BASE, async () => true);
    await services.init();
    await services.keyOriginConsent.askOnce();
    expect(services.vault.status()).toMatchObject({ state: 'stored', source: 'clipboard' });
    await services.client.listModels();
    expect(sent).toEqual([
      { url: `${ELSEWHERE_BASE}/models?output_modalities=all`, authorization: `Bearer ${key}` },
    ]);
    await services.shutdown();
  });

  it('a dialog that fails counts as "no"', async () => {
    const { services, sent } = launch(ELSEWHERE_BASE, async () => {
      throw new Error('no display');
    });
    await services.init();
    await services.keyOriginConsent.askOnce();
    expect(services.vault.status().state).toBe('origin-mismatch');
    expect(await codeOf(services.client.listModels())).toBe('key_origin_mismatch');
    expect(sent).toEqual([]);
    await services.shutdown();
  });
});

describe('a launch at the key’s own origin', () => {
  it('asks nothing and uses the key', async () => {
    const { services, sent, questions } = launch(`${HOME}/api/v1`, async () => false);
    await services.init();
    await services.keyOriginConsent.askOnce();
    expect(questions).toEqual([]);
    await services.client.listModels();
    expect(sent).toEqual([
      { url: `${HOME}/api/v1/models?output_modalities=all`, authorization: `Bearer ${key}` },
    ]);
    await services.shutdown();
  });
});

describe('a fresh profile', () => {
  it('a key entered at a launch pointed elsewhere is bound there and used there without a question', async () => {
    store = createMemoryCiphertextStore();
    const { services, sent, questions } = launch(ELSEWHERE_BASE, async () => false);
    await services.init();
    const fresh = makeKey();
    await services.vault.store({ key: fresh, source: 'typed', persistence: 'encrypted' });
    await services.client.listModels();
    expect(questions).toEqual([]);
    // The verification and the model list both went to this launch's origin with the new key.
    expect(sent.map((s) => s.authorization)).toEqual([`Bearer ${fresh}`, `Bearer ${fresh}`]);
    expect(sent.every((s) => s.url.startsWith(ELSEWHERE_BASE))).toBe(true);
    await services.shutdown();
  });
});
