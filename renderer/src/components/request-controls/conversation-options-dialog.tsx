import { useEffect, useId } from 'react';
import { useIntl } from 'react-intl';
import type { ReasoningChoice } from '../../../../common/request-options';
import { DEFAULT_WEB_SEARCH } from '../../../../common/request-options';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { describeChoice, effectiveReasoning } from '../../format/reasoning-choice';
import { webSearchCostNote } from '../../format/web-search-cost';
import { useConversationOptions } from '../../hooks/use-conversation-options';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { Dialog } from '../dialog';
import { ProviderPreferencesEditor } from './provider-preferences-editor';
import { ReasoningControl } from './reasoning-control';
import { SlugListEditor } from './slug-list-editor';

/**
 * The open conversation's own request options (issue 15), from the chat header: reasoning, providers,
 * fallback models and web search for every message. Each change is kept with the conversation (or,
 * in a new chat, given to it when its first message creates it); none is sent until chosen.
 */
export function ConversationOptionsDialog({ inert }: { inert: boolean }) {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const stores = useStores();
  const actions = useActions();
  const settings = useStoreValue(stores.settings);
  const modelId = useStoreValue(stores.modelChoice);
  const { selectedId } = useStoreValue(stores.conversations);
  const { providers } = useStoreValue(stores.requestOptions);
  const models = useStoreValue(stores.models).list?.models ?? [];
  const model = useModelSummary(modelId);
  const { options, problems } = useConversationOptions(selectedId);
  const alwaysId = useId();
  useEffect(() => {
    void actions.requestOptions.loadProviders();
  }, [actions]);

  const change = (patch: Parameters<typeof actions.requestOptions.change>[1]) =>
    void actions.requestOptions.change(selectedId, patch).then((result) => {
      if (!result.ok)
        // Main's error inside the sentence, worded where the toast is shown (it follows a switch).
        actions.toasts.show(
          { id: 'requestControls.options.notSaved', values: { error: { error: result.error } } },
          { tone: 'error' },
        );
    });
  const modelDefault = modelId === null ? undefined : settings?.reasoningByModel[modelId];
  const reasoning = effectiveReasoning(options.reasoning, modelDefault);
  const saveAsDefault = (choice: ReasoningChoice | null) => {
    if (!settings || modelId === null) return;
    const { [modelId]: _dropped, ...others } = settings.reasoningByModel;
    void actions.settings.update({
      reasoningByModel: choice === null ? others : { ...others, [modelId]: choice },
    });
  };
  const messagesFor = (field: string) =>
    problems
      .filter((p) => p.field === field || p.field.startsWith(`${field}.`))
      .map((p) => formatAppError(intl, p));
  // Problems the sections below do not show beside a field.
  const unclaimed = problems.filter(
    (p) => !['reasoning', 'fallbackModels', 'provider'].includes(p.field.split('.')[0] ?? p.field),
  );
  const fallbackChoices = models.map((m) => ({ value: m.id, label: m.name }));
  // Only shown with a model chosen: its name, or its id while the list loads.
  const modelName = model?.name ?? modelId ?? '';

  return (
    <Dialog
      title={text('requestControls.options.title')}
      onClose={() => actions.dialogs.closeConversationOptions()}
      inert={inert}
      className="settings conversation-options"
    >
      <div className="dialog-body">
        {unclaimed.length > 0 && (
          <div role="alert" className="field-error">
            {unclaimed.map((p) => (
              <p key={`${p.field}:${p.message}`}>{formatAppError(intl, p)}</p>
            ))}
          </div>
        )}
        {selectedId === null && (
          <p className="dialog-intro">{text('requestControls.options.newChatIntro')}</p>
        )}
        <section className="settings-section" aria-labelledby="conversation-reasoning-heading">
          <h3 id="conversation-reasoning-heading">{text('requestControls.options.reasoningHeading')}</h3>
          <ReasoningControl
            model={model}
            value={options.reasoning}
            personalDefault={modelDefault}
            onChange={(choice) => change({ reasoning: choice })}
          />
          {messagesFor('reasoning').length > 0 && (
            <p role="alert" className="field-error">
              {messagesFor('reasoning').join(' ')}
            </p>
          )}
          {modelId !== null && model?.supportedParameters.includes('reasoning') && (
            <p className="field-hint">
              {intl.formatMessage(
                { id: 'requestControls.options.newChatsWith' },
                {
                  model: modelName,
                  choice: describeChoice(modelDefault ?? null, intl),
                },
              )}{' '}
              <button type="button" className="button-quiet" onClick={() => saveAsDefault(reasoning)}>
                {intl.formatMessage({ id: 'requestControls.options.useForNewChats' }, { model: modelName })}
              </button>
            </p>
          )}
        </section>
        <section className="settings-section" aria-labelledby="conversation-web-search-heading">
          <h3 id="conversation-web-search-heading">{text('requestControls.options.webSearchHeading')}</h3>
          <div className="settings-field settings-checkbox">
            <input
              id={alwaysId}
              type="checkbox"
              checked={options.webSearchAlways}
              aria-describedby={`${alwaysId}-hint`}
              onChange={(e) => change({ webSearchAlways: e.currentTarget.checked })}
            />
            <label htmlFor={alwaysId}>{text('requestControls.options.webSearchAlways')}</label>
            <p id={`${alwaysId}-hint`} className="field-hint">
              {webSearchCostNote(model, settings?.webSearch ?? DEFAULT_WEB_SEARCH, intl)}
            </p>
          </div>
        </section>
        <section className="settings-section" aria-labelledby="conversation-fallbacks-heading">
          <h3 id="conversation-fallbacks-heading">{text('requestControls.options.fallbacksHeading')}</h3>
          <SlugListEditor
            legend={text('requestControls.options.fallbacksLegend')}
            hint={text('requestControls.options.fallbacksHint')}
            ordered
            values={options.fallbackModels ?? []}
            choices={fallbackChoices}
            onChange={(next) => change({ fallbackModels: next.length > 0 ? next : null })}
            errors={messagesFor('fallbackModels')}
            addControl={
              <button
                type="button"
                className="button-quiet"
                aria-haspopup="dialog"
                onClick={() => actions.dialogs.openPicker('fallback-model')}
              >
                {text('requestControls.options.addFallback')}
              </button>
            }
          />
        </section>
        <section className="settings-section" aria-labelledby="conversation-providers-heading">
          <h3 id="conversation-providers-heading">{text('requestControls.options.providersHeading')}</h3>
          <p className="field-hint">{text('requestControls.options.providersHint')}</p>
          <ProviderPreferencesEditor
            value={options.provider}
            onChange={(provider) => change({ provider })}
            providers={providers}
            problems={problems}
            problemPrefix="provider"
          />
        </section>
      </div>
    </Dialog>
  );
}
