import { CHAT_BRIDGE_KEY, type SwitchboardBridge } from '../../common/ipc/bridge-types';

/**
 * The preload's bridge, the renderer's only way to reach main. Only the actions (actions/) are given it:
 * components and hooks reach main by calling actions.
 */
export function getBridge(): SwitchboardBridge {
  const bridge = (window as unknown as Record<string, unknown>)[CHAT_BRIDGE_KEY];
  if (!bridge) throw new Error('Switchboard bridge is missing: the preload did not run.');
  return bridge as SwitchboardBridge;
}
