import { useId } from 'react';
import type { Theme } from '../../../../common/settings-types';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** System / Light / Dark, saved as soon as it changes. */
export function ThemeField({ theme }: { theme: Theme }) {
  const name = useId();
  const { save, error } = useSettingSaver();
  return (
    <fieldset className="settings-field">
      <legend>Theme</legend>
      <div className="choice-row">
        {THEMES.map(({ value, label }) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={name}
              value={value}
              checked={theme === value}
              onChange={() => void save({ theme: value })}
            />
            {label}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
