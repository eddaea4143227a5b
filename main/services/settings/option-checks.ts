import type { z } from 'zod';
import { type ErrorMessageId, englishErrorText } from '../../../common/i18n/error-messages';
import type { PlainMessageValues } from '../../../common/i18n/nested-messages';
import type { OptionProblem } from '../../../common/option-problems';
import {
  FallbackModelsSchema,
  ModelIdSchema,
  type ProviderPreferences,
  ProviderPreferencesSchema,
  ProviderSlugSchema,
  REASONING_EFFORTS,
  type ReasoningChoice,
  ReasoningChoiceSchema,
  WebSearchEngineSchema,
  type WebSearchSettings,
  WebSearchSettingsSchema,
} from '../../../common/request-options';

/**
 * Checks of stored request options (issue 15), shared by settings.json and a conversation's options:
 * a value that does not pass is not used (its default is) and is described in words a person can act
 * on — what is wrong, and where to fix it. Nothing that fails here is ever sent to OpenRouter.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: OptionProblem[] };

/**
 * Where the person fixes a value: this conversation's options, or Settings (each family of checks
 * names its own section there: Providers, Reasoning, Web search).
 */
export interface FixWhere {
  field: string;
  place: 'settings' | 'conversation';
}

/** A stored value as the person would recognise it (a string as it is, anything else as JSON). */
const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  // A pathological stored value must not make the whole settings payload fail the bridge's bounds.
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
};
const MAX_SHOWN_CHARS = 200;

/**
 * A problem as a catalog message (`errors.settings.*`, issue 20): each window shows it in its own
 * language; `message` is the English text, for the logs and as the fallback.
 */
export const optionProblem = (
  where: FixWhere,
  id: ErrorMessageId,
  values: PlainMessageValues = {},
): OptionProblem => {
  const text = { id, values: { ...values, place: where.place } };
  return { field: where.field, message: englishErrorText(text), messageId: id, values: text.values };
};

const SLUG_LISTS = ['order', 'only', 'ignore'] as const;

/** Provider routing (`provider`): each bad slug, empty list or negative price is named on its own. */
export function checkProviderPreferences(raw: unknown, where: FixWhere): Checked<ProviderPreferences> {
  const parsed = ProviderPreferencesSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: OptionProblem[] = [];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const value = raw as Record<string, unknown>;
    for (const list of SLUG_LISTS) {
      const slugs = value[list];
      if (slugs === undefined) continue;
      if (!Array.isArray(slugs)) {
        problems.push(optionProblem(where, 'errors.settings.providers.notAList', { list }));
      } else if (slugs.length === 0) {
        problems.push(optionProblem(where, 'errors.settings.providers.emptyList', { list }));
      } else {
        for (const slug of slugs)
          if (!ProviderSlugSchema.safeParse(slug).success)
            problems.push(optionProblem(where, 'errors.settings.providers.badSlug', { slug: shown(slug) }));
      }
    }
    const maxPrice = value.maxPrice;
    if (maxPrice !== null && typeof maxPrice === 'object') {
      for (const [key, price] of Object.entries(maxPrice as Record<string, unknown>))
        if (typeof price === 'number' && price < 0)
          problems.push(
            optionProblem(where, 'errors.settings.providers.negativePrice', {
              kind: key === 'completionPerMTok' ? 'completion' : 'prompt',
              // As stored, not rounded by a number format: the person looks for this value in the file.
              price: String(price),
            }),
          );
    }
  }
  if (problems.length === 0)
    problems.push(
      optionProblem(where, 'errors.settings.providers.invalid', firstIssue(parsed.error, where.field)),
    );
  return { ok: false, problems };
}

/**
 * Slugs that OpenRouter's provider list (`GET /providers`) does not name. Best effort: only when main
 * has that list; an endpoint variant (`deepinfra/fp8`) is checked by its provider part.
 */
export function unknownProviderProblems(
  preferences: ProviderPreferences,
  known: ReadonlySet<string>,
  where: FixWhere,
): OptionProblem[] {
  const problems: OptionProblem[] = [];
  for (const list of SLUG_LISTS)
    for (const slug of preferences[list] ?? [])
      if (!known.has(slug) && !known.has(slug.split('/')[0] ?? slug))
        problems.push(optionProblem(where, 'errors.settings.providers.unknown', { slug: shown(slug) }));
  return problems;
}

/**
 * One reasoning choice: effort, a token budget, or off — never two at once. `model` names the model
 * it is for (Settings' reasoning per model); without it the problem says "Reasoning".
 */
export function checkReasoningChoice(
  raw: unknown,
  where: FixWhere,
  model?: string,
): Checked<ReasoningChoice> {
  const parsed = ReasoningChoiceSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const value = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const hasEffort = value.effort !== undefined;
  const hasBudget = value.maxTokens !== undefined || value.max_tokens !== undefined;
  const scope = model === undefined ? { scope: 'all', model: '' } : { scope: 'model', model: shown(model) };
  let found: OptionProblem;
  if (hasEffort && hasBudget) found = optionProblem(where, 'errors.settings.reasoning.bothSet', scope);
  else if (hasEffort && !ReasoningChoiceSchema.options[0].shape.effort.safeParse(value.effort).success)
    found = optionProblem(where, 'errors.settings.reasoning.badEffort', {
      ...scope,
      effort: shown(value.effort),
      efforts: REASONING_EFFORTS.join(', '),
    });
  else if (hasBudget) found = optionProblem(where, 'errors.settings.reasoning.badBudget', scope);
  else
    found = optionProblem(where, 'errors.settings.reasoning.invalid', {
      ...scope,
      ...firstIssue(parsed.error, model === undefined ? where.field : `${where.field}.${model}`),
    });
  return { ok: false, problems: [found] };
}

/**
 * Settings' reasoning per model: a bad entry is left out on its own (the others still apply), and
 * named with its model.
 */
export function checkReasoningByModel(
  raw: unknown,
  where: FixWhere,
): { value: Record<string, ReasoningChoice>; problems: OptionProblem[] } {
  const value: Record<string, ReasoningChoice> = {};
  const problems: OptionProblem[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(optionProblem(where, 'errors.settings.reasoning.unreadable'));
    return { value, problems };
  }
  for (const [model, choice] of Object.entries(raw as Record<string, unknown>)) {
    if (!ModelIdSchema.safeParse(model).success) {
      problems.push(optionProblem(where, 'errors.settings.reasoning.badModelId', { model: shown(model) }));
      continue;
    }
    const checked = checkReasoningChoice(choice, where, model);
    if (checked.ok) value[model] = checked.value;
    else problems.push(...checked.problems);
  }
  return { value, problems };
}

/** Fallback models (`models`): at least one, each an OpenRouter model id or preset, none twice. */
export function checkFallbackModels(raw: unknown, where: FixWhere): Checked<string[]> {
  const parsed = FallbackModelsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: OptionProblem[] = [];
  if (Array.isArray(raw)) {
    if (raw.length === 0) problems.push(optionProblem(where, 'errors.settings.fallbacks.empty'));
    const seen = new Set<unknown>();
    for (const id of raw) {
      if (!ModelIdSchema.safeParse(id).success)
        problems.push(optionProblem(where, 'errors.settings.fallbacks.badModel', { model: shown(id) }));
      else if (seen.has(id))
        problems.push(optionProblem(where, 'errors.settings.fallbacks.twice', { model: shown(id) }));
      seen.add(id);
    }
    if (raw.length > 10) problems.push(optionProblem(where, 'errors.settings.fallbacks.tooMany'));
  }
  if (problems.length === 0)
    problems.push(
      optionProblem(where, 'errors.settings.fallbacks.invalid', firstIssue(parsed.error, where.field)),
    );
  return { ok: false, problems };
}

/** How a web search runs: a known engine and 1–25 results. */
export function checkWebSearch(raw: unknown, where: FixWhere): Checked<WebSearchSettings> {
  const parsed = WebSearchSettingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const value = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const problems: OptionProblem[] = [];
  if (!WebSearchEngineSchema.safeParse(value.engine).success)
    problems.push(
      optionProblem(where, 'errors.settings.webSearch.badEngine', {
        engine: shown(value.engine),
        engines: WebSearchEngineSchema.options.join(', '),
      }),
    );
  if (!WebSearchSettingsSchema.shape.maxResults.safeParse(value.maxResults).success)
    problems.push(optionProblem(where, 'errors.settings.webSearch.badMaxResults'));
  if (problems.length === 0)
    problems.push(
      optionProblem(where, 'errors.settings.webSearch.invalid', firstIssue(parsed.error, where.field)),
    );
  return { ok: false, problems };
}

/**
 * A plain Settings value (the older fields): one generic sentence, naming the field (`where.field`, a
 * key of Settings; the catalog names each one and the section where it is fixed).
 */
export function checkValue<T>(schema: z.ZodType<T>, raw: unknown, where: FixWhere): Checked<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: [optionProblem(where, 'errors.settings.valueInvalid', { field: where.field })],
  };
}

/** What kind of thing zod found wrong, as the catalogs word it (`issue`, a select in `*.invalid`). */
type IssueKind = 'type' | 'range' | 'unknownField' | 'other';

const ISSUE_KINDS: Partial<Record<z.core.$ZodIssue['code'], IssueKind>> = {
  invalid_type: 'type',
  too_big: 'range',
  too_small: 'range',
  not_multiple_of: 'range',
  unrecognized_keys: 'unknownField',
};

/**
 * What zod found first, for the generic "the saved value is not valid" problem: what kind of thing is
 * wrong (`issue`, worded by the catalog in each language — zod's own issue text is English, so it is
 * not used) and where (`path`, from the stored field's name: `providerDefaults.maxPrice.promptPerMTok`),
 * for the person to find the value.
 */
function firstIssue(error: z.ZodError, root: string): { issue: IssueKind; path: string } {
  const first = error.issues[0];
  const path = [root, ...(first?.path ?? []).map(String)].join('.');
  return { issue: (first && ISSUE_KINDS[first.code]) ?? 'other', path: shown(path) };
}
