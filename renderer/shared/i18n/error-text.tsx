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
