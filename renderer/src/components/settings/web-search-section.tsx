import { useId, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import { WebSearchEngineSchema, type WebSearchSettings } from '../../../../common/request-options';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useStores } from '../../app-context';
import { problemsFor } from '../../format/provider-preferences';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

const MIN_RESULTS = 1;
const MAX_RESULTS = 25;

/** A search provider's name is the same in every language (`translate="no"` on its option). */
const ENGINE_NAMES: Record<Exclude<WebSearchSettings['engine'], 'auto' | 'native'>, string> = {
  exa: 'Exa', // i18n-ignore: product name
  firecrawl: 'Firecrawl', // i18n-ignore: product name
  parallel: 'Parallel', // i18n-ignore: product name
  perplexity: 'Perplexity', // i18n-ignore: product name
};

function engineLabel(engine: WebSearchSettings['engine'], intl: IntlShape): string {
  if (engine === 'auto') return intl.formatMessage({ id: 'settings.requests.webSearch.engine.auto' });
  if (engine === 'native') return intl.formatMessage({ id: 'settings.requests.webSearch.engine.native' });
  return ENGINE_NAMES[engine];
}

/** How web search runs when the person turns it on in the composer; it is never on by default. */
export function WebSearchSection({ value }: { value: WebSearchSettings }) {
  const intl = useIntl();
  const engineId = useId();
  const resultsId = useId();
  const problems = useStoreValue(useStores().settingsProblems);
  const { save, error } = useSettingSaver();
  const [draft, setDraft] = useState(String(value.maxResults));
  const n = Number(draft);
  const valid = /^\d+$/.test(draft.trim()) && n >= MIN_RESULTS && n <= MAX_RESULTS;
  const errors = [
    ...(valid
      ? []
      : [
          intl.formatMessage(
            { id: 'settings.requests.webSearch.resultsInvalid' },
            { min: MIN_RESULTS, max: MAX_RESULTS },
          ),
        ]),
    ...problemsFor(problems, '', 'webSearch').map((p) => formatAppError(intl, p)),
    ...(error ? [error] : []),
  ];
  return (
    <section className="settings-section" aria-labelledby="settings-web-search-heading">
      <h3 id="settings-web-search-heading">
        {intl.formatMessage({ id: 'settings.requests.webSearch.heading' })}
      </h3>
      <p className="field-hint">{intl.formatMessage({ id: 'settings.requests.webSearch.hint' })}</p>
      <div className="settings-field">
        <label htmlFor={engineId}>
          {intl.formatMessage({ id: 'settings.requests.webSearch.engineLabel' })}
        </label>
        <select
          id={engineId}
          value={value.engine}
          onChange={(e) =>
            void save({ webSearch: { ...value, engine: WebSearchEngineSchema.parse(e.currentTarget.value) } })
          }
        >
          {WebSearchEngineSchema.options.map((engine) => (
            <option
              key={engine}
              value={engine}
              translate={engine === 'auto' || engine === 'native' ? undefined : 'no'}
            >
              {engineLabel(engine, intl)}
            </option>
          ))}
        </select>
      </div>
      <div className="settings-field">
        <label htmlFor={resultsId}>
          {intl.formatMessage({ id: 'settings.requests.webSearch.resultsLabel' })}
        </label>
        <input
          id={resultsId}
          type="number"
          min={MIN_RESULTS}
          max={MAX_RESULTS}
          step={1}
          inputMode="numeric"
          value={draft}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? `${resultsId}-error` : undefined}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            const next = Number(text);
            if (/^\d+$/.test(text.trim()) && next >= MIN_RESULTS && next <= MAX_RESULTS)
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
