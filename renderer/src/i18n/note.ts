import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { type DisplayLocale, formattingLocale, SOURCE_LOCALE } from '../../../common/i18n/locales';
import { messagesFor } from '../../shared/i18n/catalog-loader';
import { formatAppError, type ShownError } from '../../shared/i18n/error-text';
import { formatBytes } from '../format/attachments';

/** A file size, formatted in the interface's language where the note is shown. */
export interface BytesValue {
  bytes: number;
}

/**
 * An error from main inside a sentence (`{ reason: { error } }`): its catalog message in the interface's
 * language where the note is shown, through the one error formatter — so a switch re-words it too.
 */
export interface ErrorValue {
  error: ShownError;
}

export type NoteValue = string | number | BytesValue | ErrorValue;

/**
 * Text an action (no hooks, no locale) wants shown: a catalog message by id, translated where it is
 * rendered so a language switch follows it (docs/i18n.md step 5), or text main wrote, shown as given.
 */
export type Note = { id: string; values?: Readonly<Record<string, NoteValue>> } | { text: string };

/** A note's text in `intl`'s language; a size value goes through the locale's file-size format. */
export function noteText(intl: IntlShape, note: Note, locale: DisplayLocale): string {
  if ('text' in note) return note.text;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(note.values ?? {}))
    values[name] =
      typeof value !== 'object'
        ? value
        : 'error' in value
          ? formatAppError(intl, value.error)
          : formatBytes(value.bytes, locale);
  return intl.formatMessage({ id: note.id }, values);
}

const cache = createIntlCache();
const intls = new Map<DisplayLocale, IntlShape>();

/** An IntlShape outside React (actions, tests), one per locale. */
export function intlFor(locale: DisplayLocale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl(
      { locale: formattingLocale(locale), messages: messagesFor(locale), defaultLocale: SOURCE_LOCALE },
      cache,
    );
    intls.set(locale, intl);
  }
  return intl;
}

/** Translates a catalog message in the locale in effect now (for text that leaves as a plain string). */
export type Translate = (id: string, values?: Readonly<Record<string, NoteValue>>) => string;

/**
 * A `Translate` for actions whose refusals travel as `{ code, message }` like main's errors (rendered
 * by components that show `error.message`): the message is written in the locale in effect when the
 * refusal is made. English when nothing says otherwise (tests, before main answers).
 */
export function createTranslate(localeOf: () => DisplayLocale | null = () => null): Translate {
  return (id, values) => {
    const locale = localeOf() ?? SOURCE_LOCALE;
    return noteText(intlFor(locale), values ? { id, values } : { id }, locale);
  };
}
