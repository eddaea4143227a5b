import { createIntl, createIntlCache } from '@formatjs/intl';
import { ERROR_AREAS } from './error-areas';
import { SOURCE_LOCALE } from './locales';
import type app from './messages/errors.app/en.json';
import type attachments from './messages/errors.attachments/en.json';
import type backups from './messages/errors.backups/en.json';
import type chat from './messages/errors.chat/en.json';
import type history from './messages/errors.history/en.json';
import type key from './messages/errors.key/en.json';
import type openrouter from './messages/errors.openrouter/en.json';
import type settings from './messages/errors.settings/en.json';
import type signIn from './messages/errors.signIn/en.json';
import { formatWithNestedMessages, type NestedMessage } from './nested-messages';

/**
 * An error's words as a catalog message: the id (checked against the English catalogs at compile time,
 * so an error cannot be raised with prose written in code) and its placeholder values.
 */
export type ErrorMessageId =
  | keyof typeof app
  | keyof typeof attachments
  | keyof typeof backups
  | keyof typeof chat
  | keyof typeof history
  | keyof typeof key
  | keyof typeof openrouter
  | keyof typeof settings
  | keyof typeof signIn;
/**
 * Another error message as a placeholder's value (the settings problem inside the routing refusal),
 * worded first in the same language. One level deep only: its own values are plain (the bridge's
 * schema, common/errors.ts NestedErrorMessageSchema, refuses more).
 */
export interface NestedErrorMessage extends NestedMessage {
  readonly messageId: ErrorMessageId;
}
export type ErrorValues = Readonly<Record<string, string | number | NestedErrorMessage>>;
export interface ErrorMessage {
  id: ErrorMessageId;
  values?: ErrorValues;
}

const englishMessages: Readonly<Record<string, string>> = Object.assign(
  {},
  ...ERROR_AREAS.map((area) => area.en),
);
const english = createIntl(
  { locale: SOURCE_LOCALE, messages: englishMessages, defaultLocale: SOURCE_LOCALE },
  createIntlCache(),
);

/** Whether `id` (say, an `OptionProblem`'s `messageId`, a plain string) is an error message's id. */
export function isErrorMessageId(id: string): id is ErrorMessageId {
  return Object.hasOwn(englishMessages, id);
}

/**
 * The English text of an error (`AppError.message`): for the logs, and the fallback a window shows.
 * A nested message is worded in English first and goes in as its placeholder's text.
 */
export function englishErrorText(text: ErrorMessage): string {
  return formatWithNestedMessages(english, text.id, text.values);
}
