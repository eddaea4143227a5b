import type { AreaCatalog } from './catalog-types';
import app from './messages/errors.app';
import attachments from './messages/errors.attachments';
import backups from './messages/errors.backups';
import chat from './messages/errors.chat';
import history from './messages/errors.history';
import key from './messages/errors.key';
import openrouter from './messages/errors.openrouter';
import settings from './messages/errors.settings';
import signIn from './messages/errors.signIn';

/** The catalogs of the errors main reports (`AppError.messageId`), by sub-area. */
export const ERROR_AREAS: readonly AreaCatalog[] = [
  app,
  attachments,
  backups,
  chat,
  history,
  key,
  openrouter,
  settings,
  signIn,
];
