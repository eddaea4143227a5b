import type { ModelSummary } from '../../../../common/chat-types';

export const INPUT_MODALITIES = ['text', 'image', 'file', 'audio'] as const;
export type InputModality = (typeof INPUT_MODALITIES)[number];
export type PriceFilter = 'all' | 'free' | 'paid';

export interface ModelFilter {
  query: string;
  /** The model must accept every one of these. */
  modalities: readonly InputModality[];
  price: PriceFilter;
}

export interface PickerEntry {
  model: ModelSummary;
  favourite: boolean;
  recent: boolean;
}

function matches(model: ModelSummary, filter: ModelFilter): boolean {
  const query = filter.query.trim().toLowerCase();
  if (query && !model.name.toLowerCase().includes(query) && !model.id.toLowerCase().includes(query))
    return false;
  if (filter.price === 'free' && !model.isFree) return false;
  if (filter.price === 'paid' && model.isFree) return false;
  return filter.modalities.every((m) => model.inputModalities.includes(m));
}

/**
 * The picker's rows: favourites first (in the order they were starred), then recently used (most
 * recent first), then everything else by name.
 */
export function pickerEntries(
  models: readonly ModelSummary[],
  filter: ModelFilter,
  favourites: readonly string[],
  recent: readonly string[],
): PickerEntry[] {
  const rank = (model: ModelSummary): number => {
    const fav = favourites.indexOf(model.id);
    if (fav >= 0) return fav;
    const rec = recent.indexOf(model.id);
    if (rec >= 0) return favourites.length + rec;
    return Number.POSITIVE_INFINITY;
  };
  return models
    .filter((m) => matches(m, filter))
    .map((model) => ({ model, rank: rank(model) }))
    .sort((a, b) => (a.rank === b.rank ? a.model.name.localeCompare(b.model.name) : a.rank - b.rank))
    .map(({ model }) => ({
      model,
      favourite: favourites.includes(model.id),
      recent: recent.includes(model.id),
    }));
}
