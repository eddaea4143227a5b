import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { catalogIntl, mainText } from '../services/i18n/catalog-intl';
import { appMenuTemplate } from './app-menu-template';

const ja = mainText(() => catalogIntl('ja'));

function labels(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  it('is in Japanese on Windows, every item labelled (no English role default shows)', () => {
    const template = appMenuTemplate(ja, { platform: 'win32', isPackaged: true, appName: 'Switchboard' });
    expect(template.map((m) => m.label)).toEqual(['ファイル', '編集', '表示', 'ウインドウ']);
    expect(labels(template)).toContain('終了');
    expect(labels(template)).toContain('すべてを選択');
    // Every item with a role (separators aside) carries its own label.
    const unlabelled = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((i) => [
        ...(i.type !== 'separator' && !i.label ? [i] : []),
        ...(Array.isArray(i.submenu) ? unlabelled(i.submenu) : []),
      ]);
    expect(unlabelled(template)).toEqual([]);
  });

  it('is in Japanese on macOS, with the app menu naming the app', () => {
    const template = appMenuTemplate(ja, { platform: 'darwin', isPackaged: true, appName: 'Switchboard' });
    expect(labels(template)).toEqual(
      expect.arrayContaining([
        'Switchboard について',
        'Switchboard を終了',
        'ウインドウを閉じる',
        'すべてを手前に移動',
      ]),
    );
    expect(labels(template).filter((l) => /^[A-Za-z ]+$/.test(l))).toEqual(['Switchboard']);
  });

  it('offers developer tools only unpackaged', () => {
    const en = mainText(() => catalogIntl('en'));
    const dev = labels(appMenuTemplate(en, { platform: 'linux', isPackaged: false, appName: 'Switchboard' }));
    const release = labels(
      appMenuTemplate(en, { platform: 'linux', isPackaged: true, appName: 'Switchboard' }),
    );
    expect(dev).toContain('Toggle Developer Tools');
    expect(release).not.toContain('Toggle Developer Tools');
    expect(release).toContain('Quit');
  });
});
