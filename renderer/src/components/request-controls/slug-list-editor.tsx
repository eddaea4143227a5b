import { useId, useState } from 'react';
import { useIntl } from 'react-intl';

export interface SlugChoice {
  /** What is stored and sent (a provider slug, a model id). */
  value: string;
  /** What the person reads. */
  label: string;
}

export interface SlugListEditorProps {
  legend: string;
  values: readonly string[];
  /** What can be added, picked from a list rather than typed. */
  choices: readonly SlugChoice[];
  onChange(next: string[]): void;
  /** Whether the list's order matters (then each entry can be moved). */
  ordered?: boolean;
  /** Replaces the add select (e.g. a button opening the model picker). */
  addControl?: React.ReactNode;
  hint?: string;
  errors?: readonly string[];
}

/**
 * A list of providers (or models) picked from a list: add, remove, and, where order matters, move up
 * and down. Every control is a button or a select, so it all works from the keyboard.
 */
export function SlugListEditor({
  legend,
  values,
  choices,
  onChange,
  ordered = false,
  addControl,
  hint,
  errors = [],
}: SlugListEditorProps) {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const id = useId();
  const [adding, setAdding] = useState('');
  const labelOf = (value: string) => choices.find((c) => c.value === value)?.label ?? value;
  const available = choices.filter((c) => !values.includes(c.value));
  const move = (index: number, by: number) => {
    const next = [...values];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="slug-list" aria-describedby={errors.length > 0 ? `${id}-errors` : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {values.length === 0 ? (
        <p className="slug-list-empty">{text('requestControls.slugs.none')}</p>
      ) : (
        <ol className="slug-list-items" aria-label={legend}>
          {values.map((value, index) => (
            <li key={value}>
              {/* A provider's or model's name is not the app's text. */}
              <span data-i18n-content>{labelOf(value)}</span>
              {ordered && (
                <>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={intl.formatMessage(
                      { id: 'requestControls.slugs.moveUp' },
                      { item: labelOf(value) },
                    )}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {text('requestControls.slugs.up')}
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={intl.formatMessage(
                      { id: 'requestControls.slugs.moveDown' },
                      { item: labelOf(value) },
                    )}
                    disabled={index === values.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {text('requestControls.slugs.down')}
                  </button>
                </>
              )}
              <button
                type="button"
                className="button-quiet"
                aria-label={intl.formatMessage(
                  { id: 'requestControls.slugs.removeLabel' },
                  { item: labelOf(value) },
                )}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                {text('requestControls.slugs.remove')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {addControl ?? (
        <div className="slug-list-add">
          <label htmlFor={`${id}-add`} className="visually-hidden">
            {intl.formatMessage({ id: 'requestControls.slugs.addTo' }, { list: legend })}
          </label>
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">
              {text(
                available.length > 0 ? 'requestControls.slugs.choose' : 'requestControls.slugs.noneToAdd',
              )}
            </option>
            {available.map((c) => (
              <option key={c.value} value={c.value} data-i18n-content>
                {c.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-quiet"
            aria-label={intl.formatMessage({ id: 'requestControls.slugs.addTo' }, { list: legend })}
            disabled={adding === ''}
            onClick={() => {
              onChange([...values, adding]);
              setAdding('');
            }}
          >
            {text('requestControls.slugs.add')}
          </button>
        </div>
      )}
      {errors.length > 0 && (
        <div id={`${id}-errors`} role="alert" className="field-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}
