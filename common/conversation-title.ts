/**
 * The title a new conversation is stored with until its first message names it. It is a fact of the
 * file format, not display text: main compares against it (conversation-store.ts) and it stays in
 * English in every file. Windows and exports show the catalog's `history.title.newConversation` in its
 * place (renderer/src/format/conversation-title.ts), so a German person reads "Neue Unterhaltung".
 */
// i18n-ignore: a stored sentinel title, compared when the first message names the conversation
export const STORED_DEFAULT_TITLE = 'New conversation';

/** Whether a stored title is still the placeholder (not one the person or the first message gave it). */
export function isStoredDefaultTitle(title: string): boolean {
  return title.trim() === STORED_DEFAULT_TITLE;
}
