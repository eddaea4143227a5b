import { useCallback } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { AppError } from '../../../common/errors';
import { formatWithNestedMessages, nestedMessageIds } from '../../../common/i18n/nested-messages';

/** What a window needs of an error from main to show it: its catalog message, else its English text. */
export type ShownError = Pick<AppError, 'message' | 'messageId' | 'values'>;

/**
 * The one way a window turns an error from main into words: `messageId` with `values` in the window's
 * language when main gave one this window's catalogs know, else main's English `message`. A value
 * that is a catalog message of its own (`{ messageId, values }`, one level deep: the routing refusal's
 * settings problem) is worded in the window's language first; if this window does not know its id,
 * the whole English `message`, never a sentence half in one language and half in another.
 */
export function formatAppError(intl: IntlShape, error: ShownError): string {
  const id = error.messageId;
  const known = (messageId: string) => Object.hasOwn(intl.messages, messageId);
  if (id === undefined || !known(id) || !nestedMessageIds(error.values).every(known)) return error.message;
  return formatWithNestedMessages(intl, id, error.values);
}

/** `formatAppError` in the current language, for a component that stores or passes the text on. */
export function useErrorText(): (error: ShownError) => string {
  const intl = useIntl();
  return useCallback((error: ShownError) => formatAppError(intl, error), [intl]);
}

/** An error from main as text, re-rendered in the new language when the person switches. */
export function ErrorText({ error }: { error: ShownError }) {
  return <>{useErrorText()(error)}</>;
}

/**
 * For code without hooks (actions, toasts): the error as a note, `{ id, values }` translated where it
 * is shown (so a language switch follows it), or main's English `{ text }` when it has no message id.
 * A nested catalog message goes in as an error value of its own (`{ error }`, renderer/src/i18n/note.ts),
 * worded by the formatter above where the note is shown; its fallback is main's whole English text.
 */
export function errorNote(
  error: ShownError,
):
  | { id: string; values?: Readonly<Record<string, string | number | { error: ShownError }>> }
  | { text: string } {
  if (error.messageId === undefined) return { text: error.message };
  if (error.values === undefined) return { id: error.messageId };
  const values: Record<string, string | number | { error: ShownError }> = {};
  for (const [name, value] of Object.entries(error.values))
    values[name] = typeof value === 'object' ? { error: { message: error.message, ...value } } : value;
  return { id: error.messageId, values };
}
