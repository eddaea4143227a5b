import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../common/i18n/locales';
import { type Note, noteText } from './note';

/** `(note) => text` in the interface's language, for components that show what actions stored. */
export function useNoteText(): (note: Note) => string {
  const intl = useIntl();
  return useCallback((note: Note) => noteText(intl, note, intl.locale as DisplayLocale), [intl]);
}
