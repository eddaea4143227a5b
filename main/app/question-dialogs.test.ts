import { describe, expect, it } from 'vitest';
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
