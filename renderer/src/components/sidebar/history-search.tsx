import { useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SearchHit } from '../../../../common/conversation-types';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { shownConversationTitle } from '../../format/conversation-title';
import { HighlightedText } from './highlighted-text';

const DEBOUNCE_MS = 150;

/**
 * Full-text search across every conversation (main keeps the index). Results show the conversation
 * title and a snippet with the matches highlighted; choosing one opens that conversation.
 */
export function HistorySearch() {
  const actions = useActions();
  const intl = useIntl();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ hits: SearchHit[]; total: number; complete: boolean } | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const statusId = useId();

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResult(null);
      setError(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      void actions.history.search(q, 30).then((r) => {
        if (stale) return;
        if (r.ok) {
          setResult(r.value);
          setError(null);
        } else setError(r.error);
      });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, actions]);

  return (
    <search className="history-search">
      <input
        type="search"
        aria-label={intl.formatMessage({ id: 'sidebar.search.label' })}
        aria-describedby={statusId}
        placeholder={intl.formatMessage({ id: 'sidebar.search.label' })}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
        }}
      />
      <p id={statusId} className="visually-hidden" aria-live="polite">
        {result ? intl.formatMessage({ id: 'sidebar.search.status' }, { count: result.total }) : ''}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {formatAppError(intl, error)}
        </p>
      )}
      {result && (
        <ul className="search-results" aria-label={intl.formatMessage({ id: 'sidebar.search.results' })}>
          {result.hits.length === 0 && (
            <li className="sidebar-empty">{intl.formatMessage({ id: 'sidebar.search.none' })}</li>
          )}
          {result.hits.map((hit) => (
            <li key={`${hit.conversationId}:${hit.messageId}`}>
              <button
                type="button"
                className="search-hit"
                onClick={() => {
                  setQuery('');
                  // A hit in a version that is not shown: main shows its branch first (issue 18), so
                  // the conversation opens with the hit in it. If that fails, it opens as it is.
                  void actions.branches
                    .revealMessage(hit.conversationId, hit.messageId)
                    .then(() => actions.navigation.open(hit.conversationId));
                }}
              >
                <SearchHitTitle title={hit.title} />
                <span className="search-hit-snippet" data-i18n-content>
                  <HighlightedText text={hit.snippet.text} ranges={hit.snippet.highlights} />
                </span>
              </button>
            </li>
          ))}
          {!result.complete && (
            <li className="field-hint">{intl.formatMessage({ id: 'sidebar.search.indexing' })}</li>
          )}
        </ul>
      )}
    </search>
  );
}

/** A hit's conversation title: its own words, or the placeholder in the window's language. */
function SearchHitTitle({ title }: { title: string }) {
  const shown = shownConversationTitle(useIntl(), title);
  return (
    <span className="search-hit-title" data-i18n-content={shown.own || undefined}>
      {shown.text}
    </span>
  );
}
