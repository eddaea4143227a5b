import { useStores } from '../app-context';
import { useStoreValue } from './use-store-value';

/** A model's display name from the model list, or its id when the list does not know it. */
export function useModelName(modelId: string | null): string | null {
  const { models } = useStores();
  const { list } = useStoreValue(models);
  if (modelId === null) return null;
  return list?.models.find((m) => m.id === modelId)?.name ?? modelId;
}
