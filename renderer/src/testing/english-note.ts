import { intlFor, type Note, noteText } from '../i18n/note';

/** A note (toast, chip reason, model check) as the English interface shows it. */
export function englishNote(note: Note): string {
  return noteText(intlFor('en'), note, 'en');
}
