import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MainQuestion } from '../app/questions';
import { catalogIntl, ENGLISH_TEXT, type MainText, mainText } from '../services/i18n/catalog-intl';

const english = () => ENGLISH_TEXT;

// ask-dialog.ts is glue: it imports electron, which cannot run here, so its one API is faked.
const shown: Array<{
  owner: unknown;
  options: { title: string; buttons: string[]; defaultId: number; cancelId: number };
}> = [];
let clicked: (options: { buttons: string[]; defaultId: number; cancelId: number }) => number = (o) =>
  o.cancelId;
vi.mock('electron', () => ({
  dialog: {
    async showMessageBox(...args: unknown[]) {
      const options = args.at(-1) as {
        title: string;
        buttons: string[];
        defaultId: number;
        cancelId: number;
      };
      shown.push({ owner: args.length === 2 ? args[0] : null, options });
      return { response: clicked(options), checkboxChecked: false };
    },
  },
}));

const { dialogAsker } = await import('./ask-dialog');

const toOrigin: MainQuestion = {
  kind: 'send-key-to-origin',
  keyOrigin: 'https://openrouter.ai',
  launchOrigin: 'https://proxy.example',
};

describe('main-process questions as native message boxes', () => {
  beforeEach(() => {
    shown.length = 0;
  });

  it('Esc, closing the box and Enter answer no; only the yes button sends the key', async () => {
    const ask = dialogAsker(async () => null, english);
    clicked = (o) => o.cancelId; // Esc or the window's close button
    expect(await ask(toOrigin, null)).toBe(false);
    clicked = (o) => o.defaultId; // Enter
    expect(await ask(toOrigin, null)).toBe(false);
    clicked = (o) => o.buttons.findIndex((b) => b.startsWith('Send key'));
    expect(await ask(toOrigin, null)).toBe(true);
    expect(shown[0]?.options.buttons.join(' ')).toContain('https://proxy.example');
  });

  it('parents the box to the window it is about, unless that window is gone', async () => {
    const live = { isDestroyed: () => false };
    const gone = { isDestroyed: () => true };
    clicked = (o) => o.cancelId;
    await dialogAsker(async () => live as never, english)(toOrigin, 7);
    await dialogAsker(async () => gone as never, english)(toOrigin, 7);
    expect(shown.map((s) => s.owner)).toEqual([live, null]);
  });

  it('words each box in the language main is in when it asks: a switch applies to the next question', async () => {
    let text: MainText = mainText(() => catalogIntl('ja'));
    const ask = dialogAsker(
      async () => null,
      () => text,
    );
    clicked = (o) => o.cancelId;
    await ask(toOrigin, null);
    text = ENGLISH_TEXT;
    await ask(toOrigin, null);
    expect(shown.map((s) => s.options.title)).toEqual([
      'OpenRouter キーを別のアドレスに送信しますか？',
      'Send your OpenRouter key to another address?',
    ]);
    expect(shown[0]?.options.buttons).toEqual(['送信しない', 'https://proxy.example にキーを送信']);
    expect(shown[0]?.options.cancelId).toBe(0);
  });
});
