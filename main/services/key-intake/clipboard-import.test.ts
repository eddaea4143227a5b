import { describe, expect, it } from 'vitest';
import { AppFailure, errorWithText } from '../../../common/errors';
import { englishErrorText } from '../../../common/i18n/error-messages';
import { textFailure } from '../../../common/testing/text-failure';
import { expectFailure, makeKey, makeVault } from '../vault/testing/test-support';
import { CLIPBOARD_MESSAGES, importFromClipboard } from './clipboard-import';
import { createCaptureLogger, FULL_KEY_PATTERN } from './testing/test-support';

function fakeClipboard(initial: string) {
  let text = initial;
  let clears = 0;
  let reads = 0;
  return {
    readText: () => {
      reads += 1;
      return text;
    },
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
    get reads() {
      return reads;
    },
  };
}

function setup(clipboardText: string, options: { selection?: string; activated?: boolean } = {}) {
  const fixture = makeVault();
  const system = fakeClipboard(clipboardText);
  // Linux's PRIMARY selection: whatever the person last selected, e.g. the key on OpenRouter's page.
  const selection = options.selection === undefined ? undefined : fakeClipboard(options.selection);
  const clipboard = Object.assign(system, selection ? { selection } : {});
  const log = createCaptureLogger();
  const stored: string[] = [];
  let activationChecks = 0;
  const run = (beforeStore?: () => void) =>
    importFromClipboard({
      clipboard,
      consumeUserActivation: () => {
        activationChecks += 1;
        return options.activated ?? true;
      },
      log,
      storeKey: async (key) => {
        stored.push(key);
        beforeStore?.();
        return fixture.vault.store({ key, source: 'clipboard', persistence: 'encrypted' });
      },
    });
  return {
    ...fixture,
    clipboard,
    selection,
    log,
    stored,
    run,
    get activationChecks() {
      return activationChecks;
    },
  };
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
      consumeUserActivation: () => true,
      log: f.log,
      storeKey: (k) => f.vault.store({ key: k, source: 'clipboard', persistence: 'session' }),
    });
    expect(result.clipboardCleared).toBe(false);
    expect(f.vault.currentKey()).toBe(key);
  });

  // The chat page learns one sentence whatever the clipboard held: a script injected into it must not
  // be able to tell "empty" from "some text" from "almost a key" (or a key's length class).
  it.each([
    ['empty', ''],
    ['only whitespace', '   \n\t '],
    ['a sentence', 'my password is hunter2-correct-horse'],
    ['a URL', 'https://openrouter.ai/settings/keys?token=abc123secret'],
    ['a key of another service', `sk-proj-${'x'.repeat(40)}`],
    ['too short a key', 'sk-or-v1-abc'],
    ['too long a key', `sk-or-v1-${'a'.repeat(300)}`],
    ['a key with a space inside', `sk-or-v1-${'a'.repeat(20)} ${'b'.repeat(20)}`],
    ['a key with a character no key has', `sk-or-v1-${'a'.repeat(30)}é${'b'.repeat(30)}`],
  ])('refuses %s with the one generic message, without quoting it', async (_what, text) => {
    const f = setup(text);
    const failure = await expectFailure(f.run(), 'key_invalid_format');
    expect(failure.error).toEqual(errorWithText('key_invalid_format', CLIPBOARD_MESSAGES.notAKey));
    expect(englishErrorText(CLIPBOARD_MESSAGES.notAKey)).toBe(
      'The clipboard does not hold an OpenRouter key. Copy the key from openrouter.ai/settings/keys and try again.',
    );
    if (text.trim() !== '') {
      expect(f.log.lines.join('\n')).not.toContain(text.trim());
      expect(f.log.lines.join('\n')).not.toContain(text.trim().slice(9, 30));
    }
    expect(f.stored).toEqual([]);
    expect(f.clipboard.text).toBe(text);
    expect(f.clipboard.clears).toBe(0);
  });

  it('passes a rejected key on as key_rejected, stores nothing and leaves the clipboard', async () => {
    const key = makeKey();
    const f = setup(key);
    f.verifyStub.fail(textFailure('key_rejected', 'OpenRouter rejected the API key.', { status: 401 }));
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
        consumeUserActivation: () => true,
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

  describe('Linux PRIMARY selection', () => {
    it('is cleared too when it holds the key', async () => {
      const key = makeKey();
      const f = setup(key, { selection: `${key}\n` });
      const result = await f.run();
      expect(result.clipboardCleared).toBe(true);
      expect(f.clipboard.text).toBe('');
      expect(f.selection?.text).toBe('');
      expect(f.selection?.clears).toBe(1);
    });

    it('is left alone when it holds something else', async () => {
      const key = makeKey();
      const f = setup(key, { selection: 'a sentence the person selected' });
      await f.run();
      expect(f.selection?.text).toBe('a sentence the person selected');
      expect(f.selection?.clears).toBe(0);
    });

    it('is not touched when the key is refused', async () => {
      const key = makeKey();
      const f = setup(key, { selection: key });
      f.verifyStub.fail(textFailure('key_rejected', 'OpenRouter rejected the API key.', { status: 401 }));
      await expectFailure(f.run(), 'key_rejected');
      expect(f.selection?.text).toBe(key);
    });

    it('a failure to clear it does not undo the saved key', async () => {
      const key = makeKey();
      const f = setup(key, { selection: key });
      if (!f.selection) throw new Error('no selection');
      f.selection.clear = () => {
        throw new Error('selection busy');
      };
      const result = await f.run();
      expect(result.verified).toBe(true);
      expect(f.vault.currentKey()).toBe(key);
    });
  });

  describe('user activation', () => {
    it('without a fresh click or key press, reads nothing from the clipboard and says why', async () => {
      const key = makeKey();
      const f = setup(key, { selection: key, activated: false });
      const failure = await expectFailure(f.run(), 'validation');
      expect(failure.message).toBe(englishErrorText(CLIPBOARD_MESSAGES.noUserActivation));
      expect(failure.message).toMatch(/Paste from clipboard/);
      expect(f.clipboard.reads).toBe(0);
      expect(f.selection?.reads).toBe(0);
      expect(f.stored).toEqual([]);
      expect(f.vault.currentKey()).toBeNull();
      expect(f.clipboard.text).toBe(key);
    });

    it('is asked exactly once per request', async () => {
      const f = setup(makeKey());
      await f.run();
      expect(f.activationChecks).toBe(1);
    });
  });
});
