import type { IntlShape } from 'react-intl';
import type { ModelSummary } from '../../../common/chat-types';
import type { ModelReasoning, ReasoningChoice, ReasoningEffort } from '../../../common/request-options';
import { englishIntl } from './format-intl';

/** What the Reasoning control offers for one model, all from the model's own metadata (`/models`). */
export interface ReasoningOffer {
  efforts: readonly ReasoningEffort[];
  defaultEffort: ReasoningEffort | null;
  /** "Off" is offered only where the model lets reasoning be turned off (not `mandatory`). */
  canTurnOff: boolean;
  /** A token budget is offered only where the model accepts `reasoning.max_tokens`. */
  canBudget: boolean;
}

/** "High", "Extra high"…, in `intl`'s language (English when not given). */
export function effortLabel(effort: ReasoningEffort, intl: IntlShape = englishIntl()): string {
  return intl.formatMessage({ id: 'format.reasoning.effort' }, { effort });
}

/**
 * The offer for a model, or the reason there is none. A model reasons when its `supported_parameters`
 * include `reasoning`; its `reasoning{…}` block (ModelSummary.reasoning) says how.
 */
export function reasoningOffer(
  model: ModelSummary | undefined,
  intl: IntlShape = englishIntl(),
): { ok: true; offer: ReasoningOffer } | { ok: false; reason: string } {
  if (!model) return { ok: false, reason: intl.formatMessage({ id: 'format.reasoning.notLoaded' }) };
  if (!model.supportedParameters.includes('reasoning')) {
    return {
      ok: false,
      reason: intl.formatMessage({ id: 'format.reasoning.unsupported' }, { model: model.name }),
    };
  }
  const meta: ModelReasoning = model.reasoning ?? {
    supportedEfforts: [],
    defaultEffort: null,
    defaultEnabled: null,
    mandatory: false,
    supportsMaxTokens: false,
  };
  return {
    ok: true,
    offer: {
      efforts: meta.supportedEfforts,
      defaultEffort: meta.defaultEffort,
      canTurnOff: !meta.mandatory,
      canBudget: meta.supportsMaxTokens,
    },
  };
}

/** Whether a stored choice still fits the model (a choice made for another model may not). */
export function choiceFits(choice: ReasoningChoice, offer: ReasoningOffer): boolean {
  if (choice.kind === 'off') return offer.canTurnOff;
  if (choice.kind === 'budget') return offer.canBudget;
  return offer.efforts.includes(choice.effort);
}

/**
 * The choice in force: the conversation's own, else the per-model default from Settings, else none
 * (null: no `reasoning` field is sent and the model uses its own default).
 */
export function effectiveReasoning(
  conversationChoice: ReasoningChoice | null | undefined,
  settingsDefault: ReasoningChoice | undefined,
): ReasoningChoice | null {
  return conversationChoice ?? settingsDefault ?? null;
}

/** The select's value for a choice: '' for none, `effort:<e>`, `off`, `budget`. */
export function choiceToOption(choice: ReasoningChoice | null): string {
  if (choice === null) return '';
  if (choice.kind === 'effort') return `effort:${choice.effort}`;
  return choice.kind;
}

export const DEFAULT_BUDGET_TOKENS = 4096;

/** The choice a select option stands for; `budget` keeps a budget already chosen. */
export function optionToChoice(option: string, current: ReasoningChoice | null): ReasoningChoice | null {
  if (option === '') return null;
  if (option === 'off') return { kind: 'off' };
  if (option === 'budget') {
    return current?.kind === 'budget' ? current : { kind: 'budget', maxTokens: DEFAULT_BUDGET_TOKENS };
  }
  const effort = option.slice('effort:'.length) as ReasoningEffort;
  return { kind: 'effort', effort };
}

/** How a choice reads in prose ("High effort", "Off", "Budget of 4,096 tokens", "Model default"). */
export function describeChoice(choice: ReasoningChoice | null, intl: IntlShape = englishIntl()): string {
  if (choice === null) return intl.formatMessage({ id: 'format.reasoning.modelDefault' });
  if (choice.kind === 'off') return intl.formatMessage({ id: 'format.reasoning.off' });
  if (choice.kind === 'budget')
    return intl.formatMessage({ id: 'format.reasoning.budget' }, { tokens: choice.maxTokens });
  return intl.formatMessage({ id: 'format.reasoning.effortChoice' }, { effort: choice.effort });
}
