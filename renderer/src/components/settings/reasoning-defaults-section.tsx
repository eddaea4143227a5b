import { useIntl } from 'react-intl';
import type { ReasoningChoice } from '../../../../common/request-options';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useStores } from '../../app-context';
import { describeChoice } from '../../format/reasoning-choice';
import { useModelName } from '../../hooks/use-model-name';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

function DefaultRow({
  modelId,
  choice,
  onRemove,
}: {
  modelId: string;
  choice: ReasoningChoice;
  onRemove(): void;
}) {
  const intl = useIntl();
  const name = useModelName(modelId) ?? modelId;
  return (
    <li>
      <span>
        {intl.formatMessage(
          { id: 'settings.requests.reasoning.row' },
          // The model's name is OpenRouter's, not the app's: left as it is.
          { model: <span data-i18n-content>{name}</span>, choice: describeChoice(choice, intl) },
        )}
      </span>
      <button
        type="button"
        className="button-quiet"
        aria-label={intl.formatMessage({ id: 'settings.requests.reasoning.forgetLabel' }, { model: name })}
        onClick={onRemove}
      >
        {intl.formatMessage({ id: 'settings.requests.reasoning.forget' })}
      </button>
    </li>
  );
}

/**
 * Settings → "Reasoning": the per-model defaults a new conversation starts from (made in Conversation
 * options with "Use this for new chats with …"), each removable; stored problems show here.
 */
export function ReasoningDefaultsSection({ value }: { value: Readonly<Record<string, ReasoningChoice>> }) {
  const intl = useIntl();
  const problems = useStoreValue(useStores().settingsProblems).filter((p) => p.field === 'reasoningByModel');
  const { save, error } = useSettingSaver();
  const entries = Object.entries(value);
  return (
    <section className="settings-section" aria-labelledby="settings-reasoning-heading">
      <h3 id="settings-reasoning-heading">
        {intl.formatMessage({ id: 'settings.requests.reasoning.heading' })}
      </h3>
      {entries.length === 0 ? (
        <p className="field-hint">{intl.formatMessage({ id: 'settings.requests.reasoning.none' })}</p>
      ) : (
        <ul
          className="slug-list-items"
          aria-label={intl.formatMessage({ id: 'settings.requests.reasoning.listLabel' })}
        >
          {entries.map(([modelId, choice]) => (
            <DefaultRow
              key={modelId}
              modelId={modelId}
              choice={choice}
              onRemove={() => {
                const { [modelId]: _removed, ...rest } = value;
                void save({ reasoningByModel: rest });
              }}
            />
          ))}
        </ul>
      )}
      {(problems.length > 0 || error) && (
        <div role="alert" className="field-error">
          {problems.map((p) => (
            <p key={p.message}>{formatAppError(intl, p)}</p>
          ))}
          {error && <p>{intl.formatMessage({ id: 'settings.requests.notSaved' }, { error })}</p>}
        </div>
      )}
    </section>
  );
}
