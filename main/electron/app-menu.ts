import { app, Menu } from 'electron';
import type { MainText } from '../services/i18n/catalog-intl';
import { appMenuTemplate } from './app-menu-template';

/**
 * Installs the application menu in the current language. Called again when the language changes:
 * `Menu.setApplicationMenu` replaces the whole menu (docs/api/menu.md), so no restart is needed.
 */
export function installAppMenu(text: MainText): void {
  const template = appMenuTemplate(text, {
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.name,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
