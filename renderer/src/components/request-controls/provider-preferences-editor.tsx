import { useId, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { ProviderInfo } from '../../../../common/endpoints-types';
import type { OptionProblem } from '../../../../common/option-problems';
import {
  type ProviderPreferences,
  type Quantization,
  QuantizationSchema,
} from '../../../../common/request-options';
import { formatAppError } from '../../../shared/i18n/error-text';
import { generalProblems, normalizePreferences, problemsFor } from '../../format/provider-preferences';
import { type SlugChoice, SlugListEditor } from './slug-list-editor';

const KEYS = [
  'order',
  'only',
  'ignore',
  'allowFallbacks',
  'sort',
  'dataCollection',
  'zdr',
  'quantizations',
  'maxPrice',
  'requireParameters',
] as const;

export interface ProviderPreferencesEditorProps {
  value: ProviderPreferences | null;
  /** The whole new value (null when nothing is set, so no `provider` field is sent). */
  onChange(next: ProviderPreferences | null): void;
  providers: readonly ProviderInfo[];
  /** Stored problems, by field path under `problemPrefix`. */
  problems?: readonly OptionProblem[];
  problemPrefix?: string;
}

/** Main's problems in the window's language (errors.settings.*, through the one error formatter). */
const messages = (intl: IntlShape, problems: readonly OptionProblem[]) =>
  problems.map((p) => formatAppError(intl, p));

function Checkbox({
  label,
  checked,
  onChange,
  errors = [],
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  errors?: readonly string[];
}) {
  const id = useId();
  return (
    <div className="settings-field settings-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {errors.length > 0 && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** A max price field: USD per million tokens, 0 or more; empty means no limit. */
function PriceField({
  label,
  value,
  onChange,
  errors = [],
}: {
  label: string;
  value: number | undefined;
  onChange(next: number | undefined): void;
  errors?: readonly string[];
}) {
  const intl = useIntl();
  const id = useId();
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  const shown = invalid ? [intl.formatMessage({ id: 'requestControls.prefs.priceInvalid' })] : errors;
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        placeholder={intl.formatMessage({ id: 'requestControls.prefs.noLimit' })}
        value={draft}
        aria-invalid={shown.length > 0 ? true : undefined}
        aria-describedby={shown.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          if (text.trim() === '' && !e.currentTarget.validity?.badInput) {
            setInvalid(false);
            onChange(undefined);
            return;
          }
          const n = Number(text);
          const ok = text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100_000;
          setInvalid(!ok);
          if (ok) onChange(n);
        }}
      />
      {shown.length > 0 && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {shown.join(' ')}
        </p>
      )}
    </div>
  );
}

/**
 * OpenRouter's provider routing (`provider{…}`), as Settings' default or a conversation's override.
 * Providers are picked from OpenRouter's list, never typed; anything left as it was is not sent.
 */
export function ProviderPreferencesEditor({
  value,
  onChange,
  providers,
  problems = [],
  problemPrefix = 'provider',
}: ProviderPreferencesEditorProps) {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const sortId = useId();
  const prefs: ProviderPreferences = value ?? {};
  const set = (patch: Partial<ProviderPreferences>) => onChange(normalizePreferences({ ...prefs, ...patch }));
  const choices: SlugChoice[] = providers.map((p) => ({ value: p.slug, label: p.name }));
  // Slugs already chosen (or stored) that the list lacks still show, by their slug.
  const errorsOf = (key: (typeof KEYS)[number]) => messages(intl, problemsFor(problems, problemPrefix, key));
  const general = messages(intl, generalProblems(problems, problemPrefix, KEYS));
  const quantizations = prefs.quantizations ?? [];
  return (
    <div className="provider-preferences">
      {general.length > 0 && (
        <div role="alert" className="field-error">
          {general.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <SlugListEditor
        legend={text('requestControls.prefs.order')}
        hint={text('requestControls.prefs.orderHint')}
        ordered
        values={prefs.order ?? []}
        choices={choices}
        onChange={(order) => set({ order })}
        errors={errorsOf('order')}
      />
      <SlugListEditor
        legend={text('requestControls.prefs.only')}
        values={prefs.only ?? []}
        choices={choices}
        onChange={(only) => set({ only })}
        errors={errorsOf('only')}
      />
      <SlugListEditor
        legend={text('requestControls.prefs.ignore')}
        values={prefs.ignore ?? []}
        choices={choices}
        onChange={(ignore) => set({ ignore })}
        errors={errorsOf('ignore')}
      />
      <Checkbox
        label={text('requestControls.prefs.allowFallbacks')}
        checked={prefs.allowFallbacks !== false}
        onChange={(checked) => set({ allowFallbacks: checked ? undefined : false })}
        errors={errorsOf('allowFallbacks')}
      />
      <div className="settings-field">
        <label htmlFor={sortId}>{text('requestControls.prefs.sort')}</label>
        <select
          id={sortId}
          value={prefs.sort ?? ''}
          aria-invalid={errorsOf('sort').length > 0 ? true : undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set({ sort: v === '' ? undefined : (v as NonNullable<ProviderPreferences['sort']>) });
          }}
        >
          <option value="">{text('requestControls.prefs.sortDefault')}</option>
          <option value="price">{text('requestControls.prefs.sortPrice')}</option>
          <option value="throughput">{text('requestControls.prefs.sortThroughput')}</option>
          <option value="latency">{text('requestControls.prefs.sortLatency')}</option>
        </select>
        {errorsOf('sort').length > 0 && (
          <p role="alert" className="field-error">
            {errorsOf('sort').join(' ')}
          </p>
        )}
      </div>
      <Checkbox
        label={text('requestControls.prefs.dataCollection')}
        checked={prefs.dataCollection === 'deny'}
        onChange={(checked) => set({ dataCollection: checked ? 'deny' : undefined })}
        errors={errorsOf('dataCollection')}
      />
      <Checkbox
        label={text('requestControls.prefs.zdr')}
        checked={prefs.zdr === true}
        onChange={(checked) => set({ zdr: checked ? true : undefined })}
        errors={errorsOf('zdr')}
      />
      <fieldset className="quantizations">
        <legend>{text('requestControls.prefs.quantizations')}</legend>
        <p className="field-hint">{text('requestControls.prefs.quantizationsHint')}</p>
        {QuantizationSchema.options.map((q: Quantization) => (
          <Checkbox
            key={q}
            label={intl.formatMessage({ id: 'requestControls.prefs.quantization' }, { quantization: q })}
            checked={quantizations.includes(q)}
            onChange={(checked) =>
              set({
                quantizations: checked
                  ? QuantizationSchema.options.filter((o) => o === q || quantizations.includes(o))
                  : quantizations.filter((o) => o !== q),
              })
            }
          />
        ))}
        {errorsOf('quantizations').length > 0 && (
          <p role="alert" className="field-error">
            {errorsOf('quantizations').join(' ')}
          </p>
        )}
      </fieldset>
      <PriceField
        label={text('requestControls.prefs.maxPrompt')}
        value={prefs.maxPrice?.promptPerMTok}
        onChange={(promptPerMTok) => set({ maxPrice: { ...prefs.maxPrice, promptPerMTok } })}
        errors={errorsOf('maxPrice')}
      />
      <PriceField
        label={text('requestControls.prefs.maxCompletion')}
        value={prefs.maxPrice?.completionPerMTok}
        onChange={(completionPerMTok) => set({ maxPrice: { ...prefs.maxPrice, completionPerMTok } })}
      />
      <Checkbox
        label={text('requestControls.prefs.requireParameters')}
        checked={prefs.requireParameters === true}
        onChange={(checked) => set({ requireParameters: checked ? true : undefined })}
        errors={errorsOf('requireParameters')}
      />
    </div>
  );
}
