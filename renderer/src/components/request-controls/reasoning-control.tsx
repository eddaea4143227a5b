import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ModelSummary } from '../../../../common/chat-types';
import type { ReasoningChoice } from '../../../../common/request-options';
import {
  choiceFits,
  choiceToOption,
  describeChoice,
  effortLabel,
  optionToChoice,
  reasoningOffer,
} from '../../format/reasoning-choice';

export interface ReasoningControlProps {
  model: ModelSummary | undefined;
  /** The conversation's own choice, or null to follow the default. */
  value: ReasoningChoice | null;
  /** The person's default for this model (Settings), which null follows; absent: the model's own. */
  personalDefault?: ReasoningChoice | undefined;
  onChange(choice: ReasoningChoice | null): void;
  /** The accessible name; "Reasoning" beside the composer. */
  label?: string;
}

const BUDGET_MAX = 1_000_000;

/**
 * How hard the model thinks, offered only as the model's metadata allows: its efforts (the first
 * option is the model's own default, which sends nothing), "Off" unless reasoning is mandatory, and a
 * token budget where the model takes one. Effort and budget are one select, so both can never be set.
 * For a model without reasoning the select is disabled and says why.
 */
export function ReasoningControl({ model, value, personalDefault, onChange, label }: ReasoningControlProps) {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const name = label ?? text('requestControls.reasoning.label');
  const id = useId();
  const offered = reasoningOffer(model, intl);
  const [budgetDraft, setBudgetDraft] = useState<string | null>(null);
  if (!offered.ok) {
    return (
      <div className="reasoning-control">
        <label htmlFor={id}>{name}</label>
        <select id={id} disabled aria-describedby={`${id}-reason`} value="">
          <option value="">{text('requestControls.reasoning.notAvailable')}</option>
        </select>
        <span id={`${id}-reason`} className="control-reason">
          {offered.reason}
        </span>
      </div>
    );
  }
  const { offer } = offered;
  // A choice stored for another model that this one cannot take is shown (and sent) as the default.
  const shown = value !== null && choiceFits(value, offer) ? value : null;
  const budgetText = budgetDraft ?? (shown?.kind === 'budget' ? String(shown.maxTokens) : '');
  const budgetNumber = Number(budgetText);
  const budgetValid = /^\d+$/.test(budgetText.trim()) && budgetNumber >= 1 && budgetNumber <= BUDGET_MAX;
  // The first option follows the default: the person's own for this model (Settings) where it fits,
  // else the model's. It sends nothing of its own.
  const defaultLabel =
    personalDefault !== undefined && choiceFits(personalDefault, offer)
      ? intl.formatMessage(
          { id: 'requestControls.reasoning.yourDefault' },
          { choice: describeChoice(personalDefault, intl) },
        )
      : offer.defaultEffort
        ? intl.formatMessage(
            { id: 'requestControls.reasoning.defaultEffort' },
            { effort: effortLabel(offer.defaultEffort, intl) },
          )
        : text('requestControls.reasoning.modelDefault');
  return (
    <div className="reasoning-control">
      <label htmlFor={id}>{name}</label>
      <select
        id={id}
        value={choiceToOption(shown)}
        onChange={(e) => {
          setBudgetDraft(null);
          onChange(optionToChoice(e.currentTarget.value, shown));
        }}
      >
        <option value="">{defaultLabel}</option>
        {offer.efforts.map((effort) => (
          <option key={effort} value={`effort:${effort}`}>
            {effortLabel(effort, intl)}
          </option>
        ))}
        {offer.canTurnOff && <option value="off">{text('requestControls.reasoning.off')}</option>}
        {offer.canBudget && <option value="budget">{text('requestControls.reasoning.budget')}</option>}
      </select>
      {shown?.kind === 'budget' && (
        <>
          <label htmlFor={`${id}-budget`} className="visually-hidden">
            {text('requestControls.reasoning.budgetLabel')}
          </label>
          <input
            id={`${id}-budget`}
            type="number"
            min={1}
            max={BUDGET_MAX}
            step={1}
            inputMode="numeric"
            className="reasoning-budget"
            value={budgetText}
            aria-invalid={budgetValid ? undefined : true}
            aria-describedby={budgetValid ? undefined : `${id}-budget-error`}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setBudgetDraft(text);
              const n = Number(text);
              if (/^\d+$/.test(text.trim()) && n >= 1 && n <= BUDGET_MAX) {
                onChange({ kind: 'budget', maxTokens: n });
              }
            }}
          />
          {!budgetValid && (
            <span id={`${id}-budget-error`} role="alert" className="field-error">
              {intl.formatMessage(
                { id: 'requestControls.reasoning.budgetInvalid' },
                { min: 1, max: BUDGET_MAX },
              )}
            </span>
          )}
        </>
      )}
    </div>
  );
}
