import { useEffect, useId } from 'react';
import { useIntl } from 'react-intl';
import type { ProviderPreferences } from '../../../../common/request-options';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { normalizePreferences, problemsFor } from '../../format/provider-preferences';
import { useModelName } from '../../hooks/use-model-name';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';
import { ModelEndpointsTable, withSlug } from '../request-controls/model-endpoints-table';
import { ProviderPreferencesEditor } from '../request-controls/provider-preferences-editor';

/**
 * Settings → "Providers": the provider routing every conversation uses unless it has its own, and
 * whether each conversation keeps to one provider (`session_id`). Nothing is sent until chosen.
 */
export function ProvidersSection() {
  const intl = useIntl();
  const stores = useStores();
  const actions = useActions();
  const settings = useStoreValue(stores.settings);
  const problems = useStoreValue(stores.settingsProblems);
  const { providers } = useStoreValue(stores.requestOptions);
  const modelId = useStoreValue(stores.modelChoice);
  const modelName = useModelName(modelId);
  const { save, error } = useSettingSaver();
  const stickyId = useId();
  useEffect(() => {
    void actions.requestOptions.loadProviders();
  }, [actions]);
  if (!settings) return null;
  const current = settings.providerDefaults;
  const saveDefaults = (next: ProviderPreferences | null) => void save({ providerDefaults: next });
  const stickyErrors = problemsFor(problems, '', 'stickyProvider').map((p) => formatAppError(intl, p));
  return (
    <section className="settings-section" aria-labelledby="settings-providers-heading">
      <h3 id="settings-providers-heading">{intl.formatMessage({ id: 'settings.providers.heading' })}</h3>
      <p className="field-hint">{intl.formatMessage({ id: 'settings.providers.hint' })}</p>
      {error && (
        <p role="alert" className="field-error">
          {intl.formatMessage({ id: 'settings.providers.notSaved' }, { error })}
        </p>
      )}
      <ProviderPreferencesEditor
        value={current}
        onChange={saveDefaults}
        providers={providers}
        problems={problems}
        problemPrefix="providerDefaults"
      />
      <div className="settings-field settings-checkbox">
        <input
          id={stickyId}
          type="checkbox"
          checked={settings.stickyProvider}
          aria-describedby={`${stickyId}-hint`}
          onChange={(e) => void save({ stickyProvider: e.currentTarget.checked })}
        />
        <label htmlFor={stickyId}>{intl.formatMessage({ id: 'settings.providers.sticky' })}</label>
        <p id={`${stickyId}-hint`} className="field-hint">
          {intl.formatMessage({ id: 'settings.providers.stickyHint' })}
        </p>
        {stickyErrors.length > 0 && (
          <p role="alert" className="field-error">
            {stickyErrors.join(' ')}
          </p>
        )}
      </div>
      {modelId !== null && !modelId.startsWith('@preset/') && (
        <ModelEndpointsTable
          modelId={modelId}
          modelName={modelName ?? modelId}
          onPrefer={(slug) =>
            saveDefaults(normalizePreferences({ ...current, order: withSlug(current?.order, slug) }))
          }
          onIgnore={(slug) =>
            saveDefaults(normalizePreferences({ ...current, ignore: withSlug(current?.ignore, slug) }))
          }
        />
      )}
    </section>
  );
}
