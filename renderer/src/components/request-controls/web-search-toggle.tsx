import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { ModelSummary } from '../../../../common/chat-types';
import type { WebSearchSettings } from '../../../../common/request-options';
import { webSearchCostNote } from '../../format/web-search-cost';

export interface WebSearchToggleProps {
  model: ModelSummary | undefined;
  settings: WebSearchSettings;
  /** On for the next message only. */
  on: boolean;
  onChange(on: boolean): void;
  /** The conversation has web search on for every message (its options, by the person's choice). */
  always: boolean;
}

/**
 * "Web search": off by default, always. Turning it on covers the next message only (the composer
 * resets it after sending) unless the conversation's options keep it on. While it is on, the price
 * of a search is shown before anything is sent, free models included.
 */
export function WebSearchToggle({ model, settings, on, onChange, always }: WebSearchToggleProps) {
  const intl = useIntl();
  const noteId = useId();
  const active = on || always;
  return (
    <div className="web-search-toggle">
      <button
        type="button"
        className="button-quiet"
        aria-pressed={active}
        disabled={always}
        aria-describedby={active ? noteId : undefined}
        onClick={() => onChange(!on)}
      >
        {intl.formatMessage({ id: 'requestControls.webSearch.label' })}
      </button>
      {active && (
        <p id={noteId} className="web-search-cost">
          {intl.formatMessage(
            { id: always ? 'requestControls.webSearch.always' : 'requestControls.webSearch.next' },
            { note: webSearchCostNote(model, settings, intl) },
          )}
        </p>
      )}
    </div>
  );
}
