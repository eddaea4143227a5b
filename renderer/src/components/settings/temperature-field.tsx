import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { useDebouncedSave } from '../../hooks/use-debounced-save';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const SAVE_DELAY_MS = 300;
/** What the slider starts from when the person turns off "Model default". */
const STARTING_TEMPERATURE = 1;

/** Temperature 0–2, or null to leave it to the model. */
export function TemperatureField({ value }: { value: number | null }) {
  const intl = useIntl();
  const id = useId();
  const [draft, setDraft] = useState<number | null>(value);
  const { save, error } = useSettingSaver();
  // Dragging the slider fires on every step; only the value it settles on is saved.
  const { schedule, flush } = useDebouncedSave(
    (next: number) => void save({ temperature: next }),
    SAVE_DELAY_MS,
  );
  const useDefault = draft === null;
  const modelDefault = intl.formatMessage({ id: 'settings.requests.modelDefault' });
  return (
    <fieldset className="settings-field">
      <legend>{intl.formatMessage({ id: 'settings.requests.temperature.label' })}</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={useDefault}
          onChange={(e) => {
            const next = e.currentTarget.checked ? null : STARTING_TEMPERATURE;
            setDraft(next);
            void save({ temperature: next });
          }}
        />
        {modelDefault}
      </label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={0}
          max={2}
          step={0.05}
          aria-label={intl.formatMessage({ id: 'settings.requests.temperature.label' })}
          disabled={useDefault}
          value={draft ?? STARTING_TEMPERATURE}
          onChange={(e) => {
            const next = Number(e.currentTarget.value);
            setDraft(next);
            schedule(next);
          }}
          onBlur={flush}
        />
        <output htmlFor={id}>
          {useDefault
            ? modelDefault
            : intl.formatNumber(draft ?? STARTING_TEMPERATURE, {
                minimumFractionDigits: 2,
                maximumFractionDigits: 2,
              })}
        </output>
      </div>
      <p className="field-hint">{intl.formatMessage({ id: 'settings.requests.temperature.hint' })}</p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
