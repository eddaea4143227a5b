import type { z } from 'zod';
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

/** Where the person fixes a value, e.g. "Settings → Providers" or "this conversation's options". */
export interface FixWhere {
  field: string;
  fix: string;
}

const quote = (value: unknown) => `“${typeof value === 'string' ? value : JSON.stringify(value)}”`;
const problem = (where: FixWhere, label: string, what: string): OptionProblem => ({
  field: where.field,
  message: `${label}: ${what} Fix it in ${where.fix}.`,
});

const SLUG_LISTS = ['order', 'only', 'ignore'] as const;

/** Provider routing (`provider`): each bad slug, empty list or negative price is named on its own. */
export function checkProviderPreferences(raw: unknown, where: FixWhere): Checked<ProviderPreferences> {
  const parsed = ProviderPreferencesSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const label = 'Providers';
  const problems: OptionProblem[] = [];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const value = raw as Record<string, unknown>;
    for (const list of SLUG_LISTS) {
      const slugs = value[list];
      if (slugs === undefined) continue;
      if (!Array.isArray(slugs)) {
        problems.push(problem(where, label, `the ${quote(list)} list is not a list of providers.`));
      } else if (slugs.length === 0) {
        problems.push(
          problem(where, label, `the ${quote(list)} list is empty; name at least one provider or remove it.`),
        );
      } else {
        for (const slug of slugs)
          if (!ProviderSlugSchema.safeParse(slug).success)
            problems.push(
              problem(where, label, `${quote(slug)} is not a provider slug (such as “anthropic”).`),
            );
      }
    }
    const maxPrice = value.maxPrice;
    if (maxPrice !== null && typeof maxPrice === 'object') {
      for (const [key, price] of Object.entries(maxPrice as Record<string, unknown>))
        if (typeof price === 'number' && price < 0)
          problems.push(
            problem(
              where,
              label,
              `a maximum price cannot be negative (${key === 'completionPerMTok' ? 'completion' : 'prompt'}: ${price} USD per million tokens).`,
            ),
          );
    }
  }
  if (problems.length === 0) problems.push(problem(where, label, `${describeIssues(parsed.error)}.`));
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
        problems.push(problem(where, 'Providers', `${quote(slug)} is not a provider OpenRouter knows.`));
  return problems;
}

/** One reasoning choice: effort, a token budget, or off — never two at once. */
export function checkReasoningChoice(
  raw: unknown,
  where: FixWhere,
  label = 'Reasoning',
): Checked<ReasoningChoice> {
  const parsed = ReasoningChoiceSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const value = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const hasEffort = value.effort !== undefined;
  const hasBudget = value.maxTokens !== undefined || value.max_tokens !== undefined;
  let what: string;
  if (hasEffort && hasBudget)
    what = 'both an effort and a token budget are set, and OpenRouter accepts only one. Choose one.';
  else if (hasEffort && !ReasoningChoiceSchema.options[0].shape.effort.safeParse(value.effort).success)
    what = `${quote(value.effort)} is not a reasoning effort (${REASONING_EFFORTS.join(', ')}).`;
  else if (hasBudget) what = 'a token budget must be a whole number from 1 to 1,000,000.';
  else what = `${describeIssues(parsed.error)}.`;
  return { ok: false, problems: [problem(where, label, what)] };
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
    problems.push(problem(where, 'Reasoning', 'the per-model choices are not readable.'));
    return { value, problems };
  }
  for (const [model, choice] of Object.entries(raw as Record<string, unknown>)) {
    if (!ModelIdSchema.safeParse(model).success) {
      problems.push(problem(where, 'Reasoning', `${quote(model)} is not an OpenRouter model id.`));
      continue;
    }
    const checked = checkReasoningChoice(choice, where, `Reasoning for ${quote(model)}`);
    if (checked.ok) value[model] = checked.value;
    else problems.push(...checked.problems);
  }
  return { value, problems };
}

/** Fallback models (`models`): at least one, each an OpenRouter model id or preset, none twice. */
export function checkFallbackModels(raw: unknown, where: FixWhere): Checked<string[]> {
  const parsed = FallbackModelsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const label = 'Fallback models';
  const problems: OptionProblem[] = [];
  if (Array.isArray(raw)) {
    if (raw.length === 0)
      problems.push(problem(where, label, 'the list is empty; add a model or turn fallbacks off.'));
    const seen = new Set<unknown>();
    for (const id of raw) {
      if (!ModelIdSchema.safeParse(id).success)
        problems.push(
          problem(where, label, `${quote(id)} is not an OpenRouter model id (such as “openai/gpt-4o”).`),
        );
      else if (seen.has(id)) problems.push(problem(where, label, `${quote(id)} is listed twice.`));
      seen.add(id);
    }
    if (raw.length > 10) problems.push(problem(where, label, 'at most 10 models can be listed.'));
  }
  if (problems.length === 0) problems.push(problem(where, label, `${describeIssues(parsed.error)}.`));
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
      problem(
        where,
        'Web search',
        `${quote(value.engine)} is not a search engine (${WebSearchEngineSchema.options.join(', ')}).`,
      ),
    );
  if (!WebSearchSettingsSchema.shape.maxResults.safeParse(value.maxResults).success)
    problems.push(problem(where, 'Web search', 'results per search must be a whole number from 1 to 25.'));
  if (problems.length === 0) problems.push(problem(where, 'Web search', `${describeIssues(parsed.error)}.`));
  return { ok: false, problems };
}

/** A plain value: one generic sentence (the older settings fields). */
export function checkValue<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  where: FixWhere,
  label: string,
): Checked<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: [problem(where, label, 'the saved value is not valid, so the default is used.')],
  };
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'the saved value is not valid';
  const path = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `the saved value is not valid (${path}${first.message})`;
}
