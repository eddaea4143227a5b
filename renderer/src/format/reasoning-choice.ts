import type { ModelSummary } from '../../../common/chat-types';
import type { ModelReasoning, ReasoningChoice, ReasoningEffort } from '../../../common/request-options';

/** What the Reasoning control offers for one model, all from the model's own metadata (`/models`). */
export interface ReasoningOffer {
  efforts: readonly ReasoningEffort[];
  defaultEffort: ReasoningEffort | null;
  /** "Off" is offered only where the model lets reasoning be turned off (not `mandatory`). */
  canTurnOff: boolean;
  /** A token budget is offered only where the model accepts `reasoning.max_tokens`. */
  canBudget: boolean;
}

const EFFORT_LABELS: Record<ReasoningEffort, string> = {
  max: 'Max',
  xhigh: 'Extra high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  minimal: 'Minimal',
  none: 'None',
};

export function effortLabel(effort: ReasoningEffort): string {
  return EFFORT_LABELS[effort];
}

/**
 * The offer for a model, or the reason there is none. A model reasons when its `supported_parameters`
 * include `reasoning`; its `reasoning{…}` block (ModelSummary.reasoning) says how.
 */
export function reasoningOffer(
  model: ModelSummary | undefined,
): { ok: true; offer: ReasoningOffer } | { ok: false; reason: string } {
  if (!model) return { ok: false, reason: 'Reasoning options appear once the model list has loaded.' };
  if (!model.supportedParameters.includes('reasoning')) {
    return { ok: false, reason: `${model.name} does not take reasoning settings.` };
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
export function describeChoice(choice: ReasoningChoice | null): string {
  if (choice === null) return 'Model default';
  if (choice.kind === 'off') return 'Off';
  if (choice.kind === 'budget') return `Budget of ${choice.maxTokens.toLocaleString('en-US')} tokens`;
  return `${effortLabel(choice.effort)} effort`;
}
