import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ToastsStore } from './toasts-store';

/** Links leave the app only through main, which asks the person and opens https URLs only. */
export function createLinkOpener(bridge: SwitchboardBridge, toasts: ToastsStore) {
  return async (url: string): Promise<void> => {
    const result = await bridge.openExternal({ url });
    if (!result.ok) toasts.show(result.error.message, { tone: 'error' });
  };
}
