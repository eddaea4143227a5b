import type { MenuItemConstructorOptions } from 'electron';
import type { MainText } from '../services/i18n/catalog-intl';

export interface MenuPlatform {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
}

/**
 * The standard menu with Electron's roles (so the usual shortcuts and window management work as in
 * every other app), every label from the catalog. Electron's role labels are fixed English
 * (lib/browser/api/menu-item-roles.ts `roleList`), and a role's default submenu carries them too, so
 * each item gets its own `label` and each menu role its own `submenu`: MenuItem takes a given label
 * over the role's (`overrideProperty('label', roles.getDefaultLabel(this.role))`) and a given submenu
 * over the role's (`this.submenu || roles.getDefaultSubmenu(this.role)`), lib/browser/api/menu-item.ts.
 * The submenus mirror the roles' defaults there. No developer tools in packaged builds.
 */
export function appMenuTemplate(text: MainText, p: MenuPlatform): MenuItemConstructorOptions[] {
  const t = (id: string, values?: Record<string, string>) => text.message(id, values);
  const isMac = p.platform === 'darwin';
  const appName = p.appName;
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    label: appName,
    submenu: [
      { role: 'about', label: t('menu.app.about', { appName }) },
      separator,
      { role: 'services', label: t('menu.app.services') },
      separator,
      { role: 'hide', label: t('menu.app.hide', { appName }) },
      { role: 'hideOthers', label: t('menu.app.hideOthers') },
      { role: 'unhide', label: t('menu.app.showAll') },
      separator,
      { role: 'quit', label: t('menu.app.quit', { appName }) },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    role: 'fileMenu',
    label: t('menu.file'),
    submenu: [
      isMac
        ? { role: 'close', label: t('menu.file.closeWindow') }
        : { role: 'quit', label: t('menu.file.quit', { platform: p.platform }) },
    ],
  };
  const editMenu: MenuItemConstructorOptions = {
    role: 'editMenu',
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.edit.undo') },
      { role: 'redo', label: t('menu.edit.redo') },
      separator,
      { role: 'cut', label: t('menu.edit.cut') },
      { role: 'copy', label: t('menu.edit.copy') },
      { role: 'paste', label: t('menu.edit.paste') },
      ...(isMac
        ? ([
            { role: 'pasteAndMatchStyle', label: t('menu.edit.pasteAndMatchStyle') },
            { role: 'delete', label: t('menu.edit.delete') },
            { role: 'selectAll', label: t('menu.edit.selectAll') },
            separator,
            {
              label: t('menu.edit.substitutions'),
              submenu: [
                { role: 'showSubstitutions', label: t('menu.edit.showSubstitutions') },
                separator,
                { role: 'toggleSmartQuotes', label: t('menu.edit.smartQuotes') },
                { role: 'toggleSmartDashes', label: t('menu.edit.smartDashes') },
                { role: 'toggleTextReplacement', label: t('menu.edit.textReplacement') },
              ],
            },
            {
              label: t('menu.edit.speech'),
              submenu: [
                { role: 'startSpeaking', label: t('menu.edit.startSpeaking') },
                { role: 'stopSpeaking', label: t('menu.edit.stopSpeaking') },
              ],
            },
          ] satisfies MenuItemConstructorOptions[])
        : ([
            { role: 'delete', label: t('menu.edit.delete') },
            separator,
            { role: 'selectAll', label: t('menu.edit.selectAll') },
          ] satisfies MenuItemConstructorOptions[])),
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      ...(p.isPackaged
        ? []
        : ([
            { role: 'reload', label: t('menu.view.reload') },
            { role: 'toggleDevTools', label: t('menu.view.toggleDevTools') },
          ] satisfies MenuItemConstructorOptions[])),
      { role: 'resetZoom', label: t('menu.view.actualSize') },
      { role: 'zoomIn', label: t('menu.view.zoomIn') },
      { role: 'zoomOut', label: t('menu.view.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('menu.view.toggleFullScreen') },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    label: t('menu.window'),
    submenu: [
      { role: 'minimize', label: t('menu.window.minimize') },
      { role: 'zoom', label: t('menu.window.zoom') },
      ...(isMac
        ? ([
            separator,
            { role: 'front', label: t('menu.window.front') },
          ] satisfies MenuItemConstructorOptions[])
        : ([{ role: 'close', label: t('menu.window.close') }] satisfies MenuItemConstructorOptions[])),
    ],
  };
  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu];
}
