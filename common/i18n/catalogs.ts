import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { AreaCatalog } from './catalog-types';
import { type AppLocale, type DisplayLocale, PSEUDO_LOCALE, SOURCE_LOCALE } from './locales';
import callback from './messages/callback';
import chat from './messages/chat';
import chatResize from './messages/chat.resize';
import common from './messages/common';
import compare from './messages/compare';
import dialogs from './messages/dialogs';
import errorsApp from './messages/errors.app';
import errorsAttachments from './messages/errors.attachments';
import errorsBackups from './messages/errors.backups';
import errorsChat from './messages/errors.chat';
import errorsHistory from './messages/errors.history';
import errorsKey from './messages/errors.key';
import errorsOpenrouter from './messages/errors.openrouter';
import errorsSettings from './messages/errors.settings';
import errorsSignIn from './messages/errors.signIn';
import format from './messages/format';
import historyExport from './messages/history.export';
import historyTitle from './messages/history.title';
import keyEntry from './messages/keyEntry';
import launch from './messages/launch';
import markdown from './messages/markdown';
import menu from './messages/menu';
import messages from './messages/messages';
import modelPicker from './messages/modelPicker';
import onboarding from './messages/onboarding';
import requestControls from './messages/requestControls';
import settings from './messages/settings';
import settingsBackups from './messages/settings.backups';
import settingsKey from './messages/settings.key';
import settingsPdf from './messages/settings.pdf';
import settingsProblems from './messages/settings.problems';
import settingsProviders from './messages/settings.providers';
import settingsRequests from './messages/settings.requests';
import settingsSpending from './messages/settings.spending';
import settingsTheme from './messages/settings.theme';
import settingsUpdates from './messages/settings.updates';
import sidebar from './messages/sidebar';
import spending from './messages/spending';
import toasts from './messages/toasts';
import updatesBanner from './messages/updates.banner';
import updatesStatus from './messages/updates.status';
import { pseudoLocalizeCatalog } from './pseudo-locale';

/**
 * Every area's catalog, by folder name (`messages/<area>/<locale>.json`). One folder per area so the
 * people converting different screens never edit the same file; a new area adds one line here.
 */
export const AREAS: Readonly<Record<string, AreaCatalog>> = {
  callback,
  chat,
  'chat.resize': chatResize,
  common,
  compare,
  dialogs,
  'errors.app': errorsApp,
  'errors.attachments': errorsAttachments,
  'errors.backups': errorsBackups,
  'errors.chat': errorsChat,
  'errors.history': errorsHistory,
  'errors.key': errorsKey,
  'errors.openrouter': errorsOpenrouter,
  'errors.settings': errorsSettings,
  'errors.signIn': errorsSignIn,
  format,
  'history.export': historyExport,
  'history.title': historyTitle,
  keyEntry,
  launch,
  markdown,
  menu,
  messages,
  modelPicker,
  onboarding,
  requestControls,
  settings,
  'settings.backups': settingsBackups,
  'settings.key': settingsKey,
  'settings.pdf': settingsPdf,
  'settings.problems': settingsProblems,
  'settings.providers': settingsProviders,
  'settings.requests': settingsRequests,
  'settings.spending': settingsSpending,
  'settings.theme': settingsTheme,
  'settings.updates': settingsUpdates,
  sidebar,
  spending,
  toasts,
  'updates.banner': updatesBanner,
  'updates.status': updatesStatus,
};

export type Messages = Record<string, string> | Record<string, MessageFormatElement[]>;

function merged(locale: AppLocale): Record<string, string> {
  return Object.assign({}, ...Object.values(AREAS).map((area) => area[locale]));
}

const cache = new Map<DisplayLocale, Messages>();

/**
 * All messages for a locale, as FormatJS takes them. A message missing from a translation falls back
 * to English (the catalog test keeps that from happening in a release); the pseudo-locale is made from
 * English on first use.
 */
export function messagesFor(locale: DisplayLocale): Messages {
  let messages = cache.get(locale);
  if (!messages) {
    const english = merged(SOURCE_LOCALE);
    messages = locale === PSEUDO_LOCALE ? pseudoLocalizeCatalog(english) : { ...english, ...merged(locale) };
    cache.set(locale, messages);
  }
  return messages;
}
