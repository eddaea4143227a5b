import { describe, expect, it } from 'vitest';
import { catalogIntl, mainText } from '../services/i18n/catalog-intl';
import { questionDialog } from './question-dialogs';
import type { MainQuestion, MainQuestionKind } from './questions';

type Question<K extends MainQuestionKind> = Extract<MainQuestion, { kind: K }>;

const QUESTIONS: { [K in MainQuestionKind]: Question<K> } = {
  'send-key-to-origin': {
    kind: 'send-key-to-origin',
    keyOrigin: 'https://openrouter.ai',
    launchOrigin: 'https://collector.example',
  },
  'replace-key': {
    kind: 'replace-key',
    currentLabel: 'laptop',
    currentPreview: 'sk-or-v1-…3f2a',
    newLabel: 'Switchboard sign-in',
    newPreview: 'sk-or-v1-…9b1c',
  },
};

describe('main-process question dialogs', () => {
  it.each(Object.values(QUESTIONS) as MainQuestion[])(
    '$kind: Enter, Esc and closing all answer no',
    (question) => {
      const { options, yesId } = questionDialog(question);
      expect(options.buttons).toHaveLength(2);
      expect(options.defaultId).toBe(options.cancelId);
      expect(yesId).not.toBe(options.cancelId);
      expect(options.buttons[yesId]).toBeDefined();
      expect(options.noLink).toBe(true);
    },
  );

  it('send-key-to-origin names both origins and how to resume without sending', () => {
    const { options, yesId } = questionDialog(QUESTIONS['send-key-to-origin']);
    const text = `${options.message}\n${options.detail}`;
    expect(text).toContain('https://openrouter.ai');
    expect(text).toContain('https://collector.example');
    expect(options.detail).toMatch(/--openrouter-base-url/);
    expect(options.detail).toMatch(/add a key for https:\/\/collector\.example/);
    expect(options.detail).toMatch(/until Switchboard quits/);
    expect(options.buttons[options.cancelId]).toBe("Don't send");
    expect(options.buttons[yesId]).toBe('Send key to https://collector.example');
  });

  it('replace-key names both keys by label and masked preview', () => {
    const { options, yesId } = questionDialog(QUESTIONS['replace-key']);
    for (const part of ['laptop', 'sk-or-v1-…3f2a', 'Switchboard sign-in', 'sk-or-v1-…9b1c']) {
      expect(options.detail).toContain(part);
    }
    expect(options.buttons[options.cancelId]).toBe('Keep current key');
    expect(options.buttons[yesId]).toBe('Replace key');
    const unlabelled = questionDialog({ ...QUESTIONS['replace-key'], currentLabel: null, newLabel: null });
    expect(unlabelled.options.detail).toContain('sk-or-v1-…3f2a');
  });
});

describe('question dialogs in the language main is in when it asks', () => {
  it('English is word for word what it was before the catalogs', () => {
    const { options } = questionDialog(QUESTIONS['replace-key']);
    expect(options.title).toBe('Replace your OpenRouter key?');
    expect(options.message).toBe('Replace the key Switchboard keeps with the one you just signed in for?');
    expect(options.detail).toBe(
      'New key: “Switchboard sign-in” (sk-or-v1-…9b1c).\nKey it replaces: “laptop” (sk-or-v1-…3f2a).\n\nIf you keep the current key, the new one is not saved; you can delete it on openrouter.ai/settings/keys.',
    );
    const send = questionDialog(QUESTIONS['send-key-to-origin']).options;
    expect(send.detail).toBe(
      [
        'Your key was checked with https://openrouter.ai. This time Switchboard was started pointed at https://collector.example (the --openrouter-base-url setting or the SWITCHBOARD_OPENROUTER_BASE_URL variable).',
        'Send it only if you set this up yourself, for example a proxy you trust: whoever runs https://collector.example can use your key and spend your credits.',
        "If you don't, chat stays paused: add a key for https://collector.example, or quit and start Switchboard without that setting. Your answer holds until Switchboard quits.",
      ].join('\n\n'),
    );
  });

  it('ja: every word in Japanese, the origins and masked keys as given, the safe default unchanged', () => {
    const ja = mainText(() => catalogIntl('ja'));
    const send = questionDialog(QUESTIONS['send-key-to-origin'], ja);
    expect(send.options.title).toBe('OpenRouter キーを別のアドレスに送信しますか？');
    expect(send.options.buttons).toEqual(['送信しない', 'https://collector.example にキーを送信']);
    expect(send.options.detail).toContain('https://openrouter.ai');
    expect(send.options.cancelId).toBe(0);
    const replace = questionDialog(QUESTIONS['replace-key'], ja);
    expect(replace.options.title).toBe('OpenRouter キーを置き換えますか？');
    expect(replace.options.detail).toContain('「laptop」（sk-or-v1-…3f2a）');
    expect(replace.options.buttons[replace.options.cancelId]).toBe('現在のキーを残す');
    for (const text of [send.options.message, send.options.detail, replace.options.message]) {
      expect(text).not.toMatch(/\b(Send|Replace|Your key|the key)\b/);
    }
  });
});
