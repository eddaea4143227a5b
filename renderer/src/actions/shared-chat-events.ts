import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ChatEventBatch } from '../../../common/ipc/contract';

/**
 * The bridge with one subscription to main's stream events for the whole window, shared by everything
 * that listens (the chat's replies and the Compare view's columns): each batch crosses from the preload
 * once, and a listener added or removed never touches the IPC subscription of another.
 */
export function shareChatEvents(bridge: SwitchboardBridge): SwitchboardBridge {
  const listeners = new Set<(batch: ChatEventBatch) => void>();
  let unsubscribe: (() => void) | null = null;
  const onChatEvents: SwitchboardBridge['onChatEvents'] = (listener) => {
    listeners.add(listener);
    unsubscribe ??= bridge.onChatEvents((batch) => {
      for (const each of [...listeners]) each(batch);
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      unsubscribe?.();
      unsubscribe = null;
    };
  };
  // A fresh target, so the bridge itself (frozen by contextBridge) is never wrapped or changed.
  return new Proxy({} as SwitchboardBridge, {
    get: (_target, property) =>
      property === 'onChatEvents' ? onChatEvents : bridge[property as keyof SwitchboardBridge],
  });
}
