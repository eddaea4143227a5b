import { describe, expect, it } from 'vitest';
import type { KeyInfo, KeyStatus } from '../../../common/key-status';
import { maskKey } from '../../../common/redact';
import { textFailure } from '../../../common/testing/text-failure';
import { expectFailure, KEY_INFO, makeKey } from '../vault/testing/test-support';
import { createReplaceKeyCheck, type ReplaceKeyQuestion } from './replace-key';
import { createCaptureLogger, FULL_KEY_PATTERN } from './testing/test-support';

const CURRENT = makeKey();
const NEW = makeKey();

function storedStatus(key: string): KeyStatus {
  return {
    state: 'stored',
    preview: maskKey(key),
    source: 'typed',
    storedAt: '2025-01-01T00:00:00.000Z',
    backend: 'gnome_libsecret',
  };
}

function setup(
  options: {
    status?: KeyStatus;
    answer?: boolean;
    currentInfo?: () => Promise<KeyInfo>;
    candidateInfo?: (key: string) => Promise<KeyInfo>;
  } = {},
) {
  const asked: ReplaceKeyQuestion[] = [];
  const verified: string[] = [];
  const log = createCaptureLogger();
  const check = createReplaceKeyCheck({
    vault: {
      status: () => options.status ?? storedStatus(CURRENT),
      verify: options.currentInfo ?? (async () => ({ ...KEY_INFO, label: 'Work laptop' })),
    },
    verifyCandidate: async (key) => {
      verified.push(key);
      return options.candidateInfo ? options.candidateInfo(key) : { ...KEY_INFO, label: 'OAuth key' };
    },
    ask: async (question) => {
      asked.push(question);
      return options.answer ?? true;
    },
    log,
  });
  return { check, asked, verified, log };
}

describe('replacing a kept key with a signed-in one', () => {
  it('asks with both labels and masked previews, never a key', async () => {
    const f = setup({ answer: true });
    expect(await f.check(NEW)).toBe(true);
    expect(f.asked).toEqual([
      {
        kind: 'replace-key',
        currentLabel: 'Work laptop',
        currentPreview: maskKey(CURRENT),
        newLabel: 'OAuth key',
        newPreview: maskKey(NEW),
      },
    ]);
    expect(f.verified).toEqual([NEW]);
    expect(JSON.stringify(f.asked)).not.toMatch(FULL_KEY_PATTERN);
    expect(f.log.lines.join('\n')).not.toMatch(FULL_KEY_PATTERN);
  });

  it('a "no" keeps the current key', async () => {
    const f = setup({ answer: false });
    expect(await f.check(NEW)).toBe(false);
    expect(f.asked).toHaveLength(1);
  });

  it.each([
    ['none', { state: 'none', backend: 'gnome_libsecret', persistenceIsWeak: false }],
    ['unreadable', { state: 'unreadable', reason: 'keyring changed', backend: 'gnome_libsecret' }],
    ['unavailable', { state: 'unavailable', reason: 'no keyring', backend: 'basic_text' }],
  ] as const)('does not ask when no usable key is kept (%s)', async (_name, status) => {
    const f = setup({ status });
    expect(await f.check(NEW)).toBe(true);
    expect(f.asked).toEqual([]);
    expect(f.verified).toEqual([]);
  });

  it('asks about a session-only key too', async () => {
    const f = setup({
      status: {
        state: 'session-only',
        preview: maskKey(CURRENT),
        source: 'env',
        since: '2025-01-01T00:00:00.000Z',
        backend: 'gnome_libsecret',
        persistenceIsWeak: false,
      },
      answer: false,
    });
    expect(await f.check(NEW)).toBe(false);
    expect(f.asked[0]?.currentPreview).toBe(maskKey(CURRENT));
  });

  it('asks about a key held back for another origin too (its label cannot be asked for here)', async () => {
    const f = setup({
      status: {
        state: 'origin-mismatch',
        preview: maskKey(CURRENT),
        source: 'typed',
        storedAt: '2025-01-01T00:00:00.000Z',
        backend: 'gnome_libsecret',
        keyOrigin: 'https://openrouter.ai',
        launchOrigin: 'https://proxy.example',
      },
      currentInfo: async () => {
        throw textFailure('key_missing', 'No OpenRouter key is set.');
      },
      answer: false,
    });
    expect(await f.check(NEW)).toBe(false);
    expect(f.asked[0]).toMatchObject({
      currentLabel: null,
      currentPreview: maskKey(CURRENT),
      newLabel: 'OAuth key',
    });
  });

  it('still asks, with no label, when OpenRouter cannot be reached for either key', async () => {
    const f = setup({
      currentInfo: async () => {
        throw textFailure('offline', 'OpenRouter could not be reached.');
      },
      candidateInfo: async () => {
        throw textFailure('timeout', 'OpenRouter took too long.');
      },
      answer: false,
    });
    expect(await f.check(NEW)).toBe(false);
    expect(f.asked[0]).toMatchObject({ currentLabel: null, newLabel: null });
  });

  it('refuses a new key OpenRouter rejects without asking (the current one stays)', async () => {
    const f = setup({
      candidateInfo: async () => {
        throw textFailure('key_rejected', 'OpenRouter rejected the API key.', { status: 401 });
      },
    });
    const failure = await expectFailure(f.check(NEW), 'key_rejected');
    expect(failure.message).toMatch(/Nothing was saved/);
    expect(f.asked).toEqual([]);
  });
});
