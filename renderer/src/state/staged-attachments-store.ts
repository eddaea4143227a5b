import type { StagedAttachment } from '../../../common/attachment-types';
import type { Note } from '../i18n/note';
import { createValueStore } from './value-store';

/**
 * One chip in the composer. A file is `reading` while its bytes are read and handed to main,
 * `resizing` while an image main asked to be shrunk is drawn smaller, `staged` once main holds what
 * will be sent, and `failed` when it cannot be sent as it is (the reason says why; only removing the
 * chip clears it, and Send waits until then).
 */
export type StagedChip =
  | { id: string; name: string; status: 'reading' }
  | { id: string; name: string; status: 'resizing' | 'staged'; attachment: StagedAttachment }
  | { id: string; name: string; status: 'failed'; attachment: StagedAttachment; reason: Note };

/** The files attached to the message being written, in the order they were added. */
export function createStagedAttachmentsStore() {
  const store = createValueStore<readonly StagedChip[]>([]);
  return {
    subscribe: store.subscribe,
    get: store.get,
    find: (id: string) => store.get().find((chip) => chip.id === id),
    add(chip: StagedChip) {
      store.update((chips) => [...chips, chip]);
    },
    /** Replaces a chip in place (keeping its position); nothing when it was removed meanwhile. */
    replace(chip: StagedChip) {
      store.update((chips) => chips.map((c) => (c.id === chip.id ? chip : c)));
    },
    remove(id: string) {
      store.update((chips) => chips.filter((c) => c.id !== id));
    },
    /** Removes the chips of a message main accepted; chips added while it was sending stay. */
    removeAll(ids: readonly string[]) {
      const gone = new Set(ids);
      store.update((chips) => chips.filter((c) => !gone.has(c.id)));
    },
  };
}

export type StagedAttachmentsStore = ReturnType<typeof createStagedAttachmentsStore>;
