import { app, Menu } from 'electron';
import type { MainText } from '../services/i18n/catalog-intl';
import { appMenuTemplate } from './app-menu-template';

/**
 * Installs the application menu in the current language. Called again when the language changes:
 * `Menu.setApplicationMenu` sets the new menu as the application menu on macOS and as each window's
 * top menu on Windows and Linux (docs/api/menu.md), replacing the old one, so no restart is needed.
 */
export function installAppMenu(text: MainText): void {
  const template = appMenuTemplate(text, {
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.name,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
