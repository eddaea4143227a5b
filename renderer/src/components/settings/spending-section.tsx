import { type RefObject, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SpendingLimits } from '../../../../common/spending-types';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useStores } from '../../app-context';
import { problemsFor } from '../../format/provider-preferences';
import { parseUsdLimit } from '../../format/spending';
import { useDebouncedSave } from '../../hooks/use-debounced-save';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

const SAVE_DELAY_MS = 500;

interface LimitFieldProps {
  field: keyof SpendingLimits;
  label: string;
  hint: string;
  value: number | null;
  inputRef?: RefObject<HTMLInputElement | null> | undefined;
}

/** One dollar amount of Settings → Spending: empty is "none"; bad input is said inline and not saved. */
function LimitField({ field, label, hint, value, inputRef }: LimitFieldProps) {
  const intl = useIntl();
  const id = useId();
  const stores = useStores();
  const problems = problemsFor(useStoreValue(stores.settingsProblems), 'spending', field);
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  const { save, error } = useSettingSaver();
  const { schedule, flush, cancel } = useDebouncedSave((next: number | null) => {
    // The other two fields as they are now: a save pending in one field must not undo another's.
    const current = stores.settings.get()?.spending ?? {
      dailyUsd: null,
      monthlyUsd: null,
      askAboveUsd: null,
    };
    void save({ spending: { ...current, [field]: next } });
  }, SAVE_DELAY_MS);
  const errors = [
    ...(invalid ? [intl.formatMessage({ id: 'settings.spending.invalid' })] : []),
    ...problems.map((p) => formatAppError(intl, p)),
    ...(error ? [error] : []),
  ];
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={draft}
        placeholder={intl.formatMessage({ id: 'settings.spending.none' })}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const parsed = parseUsdLimit(text);
          setInvalid(!parsed.ok);
          // A half-typed valid amount that then turns bad is not saved either.
          if (parsed.ok) schedule(parsed.value);
          else cancel();
        }}
        onBlur={flush}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {errors.length > 0 && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/**
 * Settings → "Spending": the daily and monthly limits main enforces before every send, and the
 * amount above which Send asks first. All empty (off) by default.
 */
export function SpendingSection({
  value,
  firstFieldRef,
}: {
  value: SpendingLimits;
  /** Settings opened at this section ("Change limit") puts focus here. */
  firstFieldRef?: RefObject<HTMLInputElement | null>;
}) {
  const intl = useIntl();
  const problems = useStoreValue(useStores().settingsProblems).filter((p) => p.field === 'spending');
  return (
    <section className="settings-section" aria-labelledby="settings-spending-heading">
      <h3 id="settings-spending-heading">{intl.formatMessage({ id: 'settings.spending.heading' })}</h3>
      <p className="field-hint">{intl.formatMessage({ id: 'settings.spending.hint' })}</p>
      {problems.length > 0 && (
        <p role="alert" className="field-error">
          {problems.map((p) => formatAppError(intl, p)).join(' ')}
        </p>
      )}
      <LimitField
        field="dailyUsd"
        label={intl.formatMessage({ id: 'settings.spending.daily.label' })}
        hint={intl.formatMessage({ id: 'settings.spending.daily.hint' })}
        value={value.dailyUsd}
        inputRef={firstFieldRef}
      />
      <LimitField
        field="monthlyUsd"
        label={intl.formatMessage({ id: 'settings.spending.monthly.label' })}
        hint={intl.formatMessage({ id: 'settings.spending.monthly.hint' })}
        value={value.monthlyUsd}
      />
      <LimitField
        field="askAboveUsd"
        label={intl.formatMessage({ id: 'settings.spending.askAbove.label' })}
        hint={intl.formatMessage({ id: 'settings.spending.askAbove.hint' })}
        value={value.askAboveUsd}
      />
    </section>
  );
}
