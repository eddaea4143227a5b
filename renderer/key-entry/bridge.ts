import { KEY_ENTRY_BRIDGE_KEY, type KeyEntryBridge } from '../../common/ipc/bridge-types';

/** The key-entry preload's bridge: submit, cancel and the storage context. Nothing else. */
export function getKeyEntryBridge(): KeyEntryBridge {
  const bridge = (window as unknown as Record<string, unknown>)[KEY_ENTRY_BRIDGE_KEY];
  if (!bridge) throw new Error('Key-entry bridge is missing: the preload did not run.');
  return bridge as KeyEntryBridge;
}
