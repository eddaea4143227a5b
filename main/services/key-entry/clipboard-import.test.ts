import { describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../../common/errors';
import { expectFailure, makeKey, makeVault } from '../vault/vault-test-support';
import { CLIPBOARD_MESSAGES, importFromClipboard } from './clipboard-import';
import { createCaptureLogger, FULL_KEY_PATTERN } from './test-support';

function fakeClipboard(initial: string) {
  let text = initial;
  let clears = 0;
  return {
    readText: () => text,
    writeText: (t: string) => {
      text = t;
    },
    clear: () => {
      clears += 1;
      text = '';
    },
    get text() {
      return text;
    },
    get clears() {
      return clears;
    },
  };
}

function setup(clipboardText: string) {
  const fixture = makeVault();
  const clipboard = fakeClipboard(clipboardText);
  const log = createCaptureLogger();
  const stored: string[] = [];
  const run = (beforeStore?: () => void) =>
    importFromClipboard({
      clipboard,
      log,
      storeKey: async (key) => {
        stored.push(key);
        beforeStore?.();
        return fixture.vault.store({ key, source: 'clipboard', persistence: 'encrypted' });
      },
    });
  return { ...fixture, clipboard, log, stored, run };
}

describe('import from clipboard', () => {
  it('stores the trimmed key and clears the clipboard', async () => {
    const key = makeKey();
    const f = setup(`  ${key}\r\n`);
    const result = await f.run();

    expect(result).toMatchObject({
      clipboardCleared: true,
      verified: true,
      status: { state: 'stored', source: 'clipboard' },
    });
    expect(f.stored).toEqual([key]);
    expect(f.vault.currentKey()).toBe(key);
    expect(f.clipboard.text).toBe('');
    expect(f.log.lines.join('\n')).not.toMatch(FULL_KEY_PATTERN);
  });

  it('leaves the clipboard alone when it changed while the key was being checked', async () => {
    const key = makeKey();
    const f = setup(key);
    const result = await f.run(() => f.clipboard.writeText('something the person copied since'));

    expect(result.clipboardCleared).toBe(false);
    expect(f.clipboard.clears).toBe(0);
    expect(f.clipboard.text).toBe('something the person copied since');
    expect(f.vault.currentKey()).toBe(key);
  });

  it('still reports success when clearing the clipboard fails', async () => {
    const key = makeKey();
    const f = setup(key);
    const broken = {
      readText: () => key,
      clear: () => {
        throw new Error('clipboard busy');
      },
    };
    const result = await importFromClipboard({
      clipboard: broken,
      log: f.log,
      storeKey: (k) => f.vault.store({ key: k, source: 'clipboard', persistence: 'session' }),
    });
    expect(result.clipboardCleared).toBe(false);
    expect(f.vault.currentKey()).toBe(key);
  });

  it.each(['', '   \n\t '])('says the clipboard is empty (%j) and stores nothing', async (text) => {
    const f = setup(text);
    const failure = await expectFailure(f.run(), 'key_invalid_format');
    expect(failure.message).toBe(CLIPBOARD_MESSAGES.empty);
    expect(f.stored).toEqual([]);
    expect(f.clipboard.clears).toBe(0);
  });

  it.each([
    ['a sentence', 'my password is hunter2-correct-horse'],
    ['a URL', 'https://openrouter.ai/settings/keys?token=abc123secret'],
    ['a key of another service', `sk-proj-${'x'.repeat(40)}`],
  ])('refuses %s without quoting it', async (_what, text) => {
    const f = setup(text);
    const failure = await expectFailure(f.run(), 'key_invalid_format');
    expect(failure.message).toBe(CLIPBOARD_MESSAGES.notAKey);
    expect(JSON.stringify(failure.error)).not.toContain(text);
    expect(f.log.lines.join('\n')).not.toContain(text);
    expect(f.stored).toEqual([]);
    expect(f.clipboard.text).toBe(text);
  });

  it.each([
    ['too short', 'sk-or-v1-abc'],
    ['too long', `sk-or-v1-${'a'.repeat(300)}`],
    ['with a space inside', `sk-or-v1-${'a'.repeat(20)} ${'b'.repeat(20)}`],
  ])('refuses a key-like text that is %s, without quoting it', async (_what, text) => {
    const f = setup(text);
    const failure = await expectFailure(f.run(), 'key_invalid_format');
    expect(failure.message).not.toContain(text);
    expect(failure.message).not.toContain(text.slice(9, 30));
    expect(f.stored).toEqual([]);
    expect(f.clipboard.text).toBe(text);
  });

  it('passes a rejected key on as key_rejected, stores nothing and leaves the clipboard', async () => {
    const key = makeKey();
    const f = setup(key);
    f.verifyStub.fail(appError('key_rejected', 'OpenRouter rejected the API key.', { status: 401 }));
    const failure = await expectFailure(f.run(), 'key_rejected');

    expect(failure).toBeInstanceOf(AppFailure);
    expect(failure.message).not.toContain(key);
    expect(f.vault.currentKey()).toBeNull();
    expect(f.vault.status().state).toBe('none');
    expect(f.store.peek()).toBeUndefined();
    expect(f.clipboard.text).toBe(key);
    expect(f.clipboard.clears).toBe(0);
  });

  it('reports a clipboard that cannot be read', async () => {
    const f = setup('');
    const failure = await expectFailure(
      importFromClipboard({
        clipboard: {
          readText: () => {
            throw new Error('no access');
          },
          clear: () => {},
        },
        log: f.log,
        storeKey: (k) => f.vault.store({ key: k, source: 'clipboard', persistence: 'session' }),
      }),
      'internal',
    );
    expect(failure.message).toMatch(/couldn't read the clipboard/);
  });
});
