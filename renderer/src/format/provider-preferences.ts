import type { OptionProblem } from '../../../common/option-problems';
import type { ProviderPreferences } from '../../../common/request-options';

/**
 * Drops what says nothing (empty lists, an empty max price), so an editor that was opened and left
 * as it was stores null and sends no `provider` field at all.
 */
export function normalizePreferences(prefs: ProviderPreferences): ProviderPreferences | null {
  const out: ProviderPreferences = {};
  if (prefs.order?.length) out.order = prefs.order;
  if (prefs.only?.length) out.only = prefs.only;
  if (prefs.ignore?.length) out.ignore = prefs.ignore;
  if (prefs.allowFallbacks === false) out.allowFallbacks = false;
  if (prefs.sort) out.sort = prefs.sort;
  if (prefs.dataCollection) out.dataCollection = prefs.dataCollection;
  if (prefs.zdr) out.zdr = prefs.zdr;
  if (prefs.quantizations?.length) out.quantizations = prefs.quantizations;
  const maxPrice = prefs.maxPrice ?? {};
  const price: NonNullable<ProviderPreferences['maxPrice']> = {};
  if (maxPrice.promptPerMTok !== undefined) price.promptPerMTok = maxPrice.promptPerMTok;
  if (maxPrice.completionPerMTok !== undefined) price.completionPerMTok = maxPrice.completionPerMTok;
  if (Object.keys(price).length > 0) out.maxPrice = price;
  if (prefs.requireParameters) out.requireParameters = prefs.requireParameters;
  return Object.keys(out).length > 0 ? out : null;
}

/** Problems about one field under a prefix (`providerDefaults.order`, `providerDefaults.order[2]`…). */
export function problemsFor(
  problems: readonly OptionProblem[],
  prefix: string,
  key: string,
): readonly OptionProblem[] {
  const field = prefix === '' ? key : `${prefix}.${key}`;
  return problems.filter(
    (p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`),
  );
}

/** Problems under a prefix that no field of the editor claims (shown at the top of the section). */
export function generalProblems(
  problems: readonly OptionProblem[],
  prefix: string,
  keys: readonly string[],
): readonly OptionProblem[] {
  return problems.filter(
    (p) =>
      (p.field === prefix || p.field.startsWith(`${prefix}.`) || p.field.startsWith(`${prefix}[`)) &&
      !keys.some((key) => problemsFor([p], prefix, key).length > 0),
  );
}
