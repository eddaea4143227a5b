import { createValueStore } from './value-store';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
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
    show(message: string, opts: { tone?: Toast['tone']; action?: ToastAction } = {}): number {
      const id = nextId++;
      store.update((list) => [
        ...list,
        { id, message, tone: opts.tone ?? 'info', action: opts.action ?? null },
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
