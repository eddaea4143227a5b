import { useId, useState } from 'react';
import { useDebouncedSave } from '../../hooks/use-debounced-save';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const SAVE_DELAY_MS = 300;
/** What the slider starts from when the person turns off "Model default". */
const STARTING_TEMPERATURE = 1;

/** Temperature 0–2, or null to leave it to the model. */
export function TemperatureField({ value }: { value: number | null }) {
  const id = useId();
  const [draft, setDraft] = useState<number | null>(value);
  const { save, error } = useSettingSaver();
  // Dragging the slider fires on every step; only the value it settles on is saved.
  const { schedule, flush } = useDebouncedSave(
    (next: number) => void save({ temperature: next }),
    SAVE_DELAY_MS,
  );
  const useDefault = draft === null;
  return (
    <fieldset className="settings-field">
      <legend>Temperature</legend>
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
        Model default
      </label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={0}
          max={2}
          step={0.05}
          aria-label="Temperature"
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
          {useDefault ? 'Model default' : (draft ?? STARTING_TEMPERATURE).toFixed(2)}
        </output>
      </div>
      <p className="field-hint">Lower is more focused, higher is more varied.</p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
