import type { Note } from '../i18n/note';
import { createValueStore } from './value-store';

/**
 * What a toast says: a catalog message (`{ id, values }`, translated when shown, so a language switch
 * follows it) or text main wrote, as a string or `{ text }`, shown as given.
 */
export type ToastText = Note | string;

export interface ToastAction {
  label: ToastText;
  run: () => void;
}

export interface Toast {
  id: number;
  message: Note;
  tone: 'info' | 'error';
  action: ToastAction | null;
}

/** Long enough to read and reach the Undo button by keyboard. */
export const TOAST_MS = 8000;

export function createToastsStore() {
  const store = createValueStore<readonly Toast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  const dismiss = (id: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    store.update((list) => list.filter((t) => t.id !== id));
  };

  return {
    subscribe: store.subscribe,
    get: store.get,
    dismiss,
    show(message: ToastText, opts: { tone?: Toast['tone']; action?: ToastAction } = {}): number {
      const id = nextId++;
      store.update((list) => [
        ...list,
        {
          id,
          message: typeof message === 'string' ? { text: message } : message,
          tone: opts.tone ?? 'info',
          action: opts.action ?? null,
        },
      ]);
      timers.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
      return id;
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type ToastsStore = ReturnType<typeof createToastsStore>;
