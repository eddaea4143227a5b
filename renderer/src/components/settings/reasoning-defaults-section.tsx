import type { ReasoningChoice } from '../../../../common/request-options';
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
  const name = useModelName(modelId) ?? modelId;
  return (
    <li>
      <span>
        {name}: {describeChoice(choice)}
      </span>
      <button
        type="button"
        className="button-quiet"
        aria-label={`Forget the reasoning default for ${name}`}
        onClick={onRemove}
      >
        Forget
      </button>
    </li>
  );
}

/**
 * Settings → "Reasoning": the per-model defaults a new conversation starts from (made in Conversation
 * options with "Use this for new chats with …"), each removable; stored problems show here.
 */
export function ReasoningDefaultsSection({ value }: { value: Readonly<Record<string, ReasoningChoice>> }) {
  const problems = useStoreValue(useStores().settingsProblems).filter((p) => p.field === 'reasoningByModel');
  const { save, error } = useSettingSaver();
  const entries = Object.entries(value);
  return (
    <section className="settings-section" aria-labelledby="settings-reasoning-heading">
      <h3 id="settings-reasoning-heading">Reasoning</h3>
      {entries.length === 0 ? (
        <p className="field-hint">
          No per-model defaults: each model reasons as it does by default. Set one in Conversation options.
        </p>
      ) : (
        <ul className="slug-list-items" aria-label="Reasoning defaults">
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
            <p key={p.message}>{p.message}</p>
          ))}
          {error && <p>Not saved: {error}</p>}
        </div>
      )}
    </section>
  );
}
