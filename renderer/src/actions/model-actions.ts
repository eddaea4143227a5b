import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ModelChoiceStore } from '../state/model-choice-store';
import type { ModelsStore } from '../state/models-store';

export interface ModelActionsDeps {
  bridge: Pick<SwitchboardBridge, 'listModels'>;
  models: ModelsStore;
  modelChoice: ModelChoiceStore;
}

/** OpenRouter's model list (fetched and cached by main) and the model the composer sends with. */
export function createModelActions(deps: ModelActionsDeps) {
  const { bridge, models, modelChoice } = deps;
  return {
    /** Loads the list (`refresh` asks main to fetch it again); does nothing while a load is running. */
    async loadList(opts: { refresh?: boolean } = {}): Promise<void> {
      if (models.get().loading) return;
      models.loadStarted();
      const result = await bridge.listModels(opts.refresh ? { refresh: true } : undefined);
      if (result.ok) models.loaded(result.value);
      else models.loadFailed(result.error);
    },

    /** The model the next message goes to (chosen in the picker for this chat). */
    choose(modelId: string) {
      modelChoice.choose(modelId);
    },
  };
}

export type ModelActions = ReturnType<typeof createModelActions>;
