import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { errorNote } from '../../shared/i18n/error-text';
import type { ToastsStore } from '../state/toasts-store';

export interface LinkActionsDeps {
  bridge: Pick<SwitchboardBridge, 'openExternal'>;
  toasts: ToastsStore;
}

/** Links leave the app only through main, which asks the person and opens https URLs only. */
export function createLinkActions(deps: LinkActionsDeps) {
  const { bridge, toasts } = deps;
  return {
    async open(url: string): Promise<void> {
      const result = await bridge.openExternal({ url });
      if (!result.ok) toasts.show(errorNote(result.error), { tone: 'error' });
    },
  };
}

export type LinkActions = ReturnType<typeof createLinkActions>;
