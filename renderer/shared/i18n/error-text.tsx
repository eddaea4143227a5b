import { useCallback } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { AppError } from '../../../common/errors';

/** What a window needs of an error from main to show it: its catalog message, else its English text. */
export type ShownError = Pick<AppError, 'message' | 'messageId' | 'values'>;

/**
 * The one way a window turns an error from main into words: `messageId` with `values` in the window's
 * language when main gave one this window's catalogs know, else main's English `message`.
 */
export function formatAppError(intl: IntlShape, error: ShownError): string {
  const id = error.messageId;
  if (id === undefined || !Object.hasOwn(intl.messages, id)) return error.message;
  return intl.formatMessage({ id }, error.values);
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
 */
export function errorNote(
  error: ShownError,
): { id: string; values?: Readonly<Record<string, string | number>> } | { text: string } {
  if (error.messageId === undefined) return { text: error.message };
  return error.values === undefined ? { id: error.messageId } : { id: error.messageId, values: error.values };
}
