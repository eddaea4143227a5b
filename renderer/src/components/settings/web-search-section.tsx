import { useId, useState } from 'react';
import { WebSearchEngineSchema, type WebSearchSettings } from '../../../../common/request-options';
import { useStores } from '../../app-context';
import { problemsFor } from '../../format/provider-preferences';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

const ENGINE_LABELS: Record<WebSearchSettings['engine'], string> = {
  auto: "Automatic (the model's own search where it has one, else Exa)",
  native: "The model's own search",
  exa: 'Exa',
  firecrawl: 'Firecrawl',
  parallel: 'Parallel',
  perplexity: 'Perplexity',
};

/** How web search runs when the person turns it on in the composer; it is never on by default. */
export function WebSearchSection({ value }: { value: WebSearchSettings }) {
  const engineId = useId();
  const resultsId = useId();
  const problems = useStoreValue(useStores().settingsProblems);
  const { save, error } = useSettingSaver();
  const [draft, setDraft] = useState(String(value.maxResults));
  const n = Number(draft);
  const valid = /^\d+$/.test(draft.trim()) && n >= 1 && n <= 25;
  const errors = [
    ...(valid ? [] : ['Enter a whole number of results from 1 to 25.']),
    ...problemsFor(problems, '', 'webSearch').map((p) => p.message),
    ...(error ? [error] : []),
  ];
  return (
    <section className="settings-section" aria-labelledby="settings-web-search-heading">
      <h3 id="settings-web-search-heading">Web search</h3>
      <p className="field-hint">
        Off unless you turn it on in the composer. Each search is billed, also on free models.
      </p>
      <div className="settings-field">
        <label htmlFor={engineId}>Web search engine</label>
        <select
          id={engineId}
          value={value.engine}
          onChange={(e) =>
            void save({ webSearch: { ...value, engine: WebSearchEngineSchema.parse(e.currentTarget.value) } })
          }
        >
          {WebSearchEngineSchema.options.map((engine) => (
            <option key={engine} value={engine}>
              {ENGINE_LABELS[engine]}
            </option>
          ))}
        </select>
      </div>
      <div className="settings-field">
        <label htmlFor={resultsId}>Web search results</label>
        <input
          id={resultsId}
          type="number"
          min={1}
          max={25}
          step={1}
          inputMode="numeric"
          value={draft}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? `${resultsId}-error` : undefined}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            const next = Number(text);
            if (/^\d+$/.test(text.trim()) && next >= 1 && next <= 25)
              void save({ webSearch: { ...value, maxResults: next } });
          }}
        />
        {errors.length > 0 && (
          <p id={`${resultsId}-error`} role="alert" className="field-error">
            {errors.join(' ')}
          </p>
        )}
      </div>
    </section>
  );
}
