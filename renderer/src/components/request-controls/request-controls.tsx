import { useIntl } from 'react-intl';
import type { ReasoningChoice } from '../../../../common/request-options';
import { DEFAULT_WEB_SEARCH } from '../../../../common/request-options';
import { useActions, useStores } from '../../app-context';
import { useConversationOptions } from '../../hooks/use-conversation-options';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { PrivacyWarning } from './privacy-warning';
import { ReasoningControl } from './reasoning-control';
import { WebSearchToggle } from './web-search-toggle';

/**
 * The composer's request controls (issue 15): "Reasoning" for the open conversation (or the new
 * chat), "Web search" for the next message, and a warning when the account's own settings exclude
 * the chosen model. Nothing here changes a request until the person chooses something.
 */
export function RequestControls({
  webSearchNext,
  onWebSearchNext,
}: {
  webSearchNext: boolean;
  onWebSearchNext(on: boolean): void;
}) {
  const intl = useIntl();
  const stores = useStores();
  const actions = useActions();
  const modelId = useStoreValue(stores.modelChoice);
  const settings = useStoreValue(stores.settings);
  const { selectedId } = useStoreValue(stores.conversations);
  const { accountModelIds } = useStoreValue(stores.requestOptions);
  const model = useModelSummary(modelId);
  const { options, problems } = useConversationOptions(selectedId);
  const personalDefault = modelId === null ? undefined : settings?.reasoningByModel[modelId];
  const setReasoning = (choice: ReasoningChoice | null) =>
    void actions.requestOptions.change(selectedId, { reasoning: choice });
  const isPreset = modelId?.startsWith('@preset/') ?? false;
  return (
    <div className="composer-controls">
      {!isPreset && (
        <ReasoningControl
          model={model}
          value={options.reasoning}
          personalDefault={personalDefault}
          onChange={setReasoning}
        />
      )}
      <WebSearchToggle
        model={model}
        settings={settings?.webSearch ?? DEFAULT_WEB_SEARCH}
        on={webSearchNext}
        onChange={onWebSearchNext}
        always={options.webSearchAlways}
      />
      {problems.length > 0 && (
        <p className="composer-privacy-warning" role="status">
          {intl.formatMessage({ id: 'requestControls.controls.problems' })}{' '}
          <button
            type="button"
            className="button-quiet"
            aria-haspopup="dialog"
            onClick={() => actions.dialogs.openConversationOptions()}
          >
            {intl.formatMessage({ id: 'requestControls.controls.fix' })}
          </button>
        </p>
      )}
      <PrivacyWarning
        modelId={modelId}
        modelName={model?.name ?? modelId ?? ''}
        accountModelIds={accountModelIds}
      />
    </div>
  );
}
