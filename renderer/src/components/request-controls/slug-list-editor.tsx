import { useId, useState } from 'react';

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
        <p className="slug-list-empty">None</p>
      ) : (
        <ol className="slug-list-items" aria-label={legend}>
          {values.map((value, index) => (
            <li key={value}>
              <span>{labelOf(value)}</span>
              {ordered && (
                <>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={`Move ${labelOf(value)} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-label={`Move ${labelOf(value)} down`}
                    disabled={index === values.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Down
                  </button>
                </>
              )}
              <button
                type="button"
                className="button-quiet"
                aria-label={`Remove ${labelOf(value)}`}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      {addControl ?? (
        <div className="slug-list-add">
          <label htmlFor={`${id}-add`} className="visually-hidden">
            {`Add to ${legend}`}
          </label>
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">{available.length > 0 ? 'Choose a provider…' : 'No providers to add'}</option>
            {available.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button-quiet"
            aria-label={`Add to ${legend}`}
            disabled={adding === ''}
            onClick={() => {
              onChange([...values, adding]);
              setAdding('');
            }}
          >
            Add
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
