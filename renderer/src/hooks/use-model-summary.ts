import type { ModelSummary } from '../../../common/chat-types';
import { useStores } from '../app-context';
import { useStoreValue } from './use-store-value';

/** A model's entry in the model list (prices, limits, retirement), or undefined when the list lacks it. */
export function useModelSummary(modelId: string | null | undefined): ModelSummary | undefined {
  const { models } = useStores();
  const { list } = useStoreValue(models);
  if (!modelId) return undefined;
  return list?.models.find((m) => m.id === modelId);
}
