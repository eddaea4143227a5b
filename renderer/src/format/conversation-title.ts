import type { IntlShape } from 'react-intl';
import { isStoredDefaultTitle } from '../../../common/conversation-title';

/** A conversation's title as a window shows it. */
export interface ShownTitle {
  text: string;
  /**
   * True when the text is the conversation's own title (the person's or the first message's words, not
   * translated: its container gets `data-i18n-content`); false for the catalog's placeholder.
   */
  own: boolean;
}

/**
 * The one place a window turns a stored title into words: a conversation still called by the stored
 * placeholder ("New conversation", common/conversation-title.ts) is shown as the catalog's, in the
 * window's language (and again after a switch); any other title is shown as written, trimmed.
 * An empty title returns `own: true` with empty text, so each caller keeps its own word for it.
 */
export function shownConversationTitle(intl: IntlShape, title: string): ShownTitle {
  if (isStoredDefaultTitle(title))
    return { text: intl.formatMessage({ id: 'history.title.newConversation' }), own: false };
  return { text: title.trim(), own: true };
}
