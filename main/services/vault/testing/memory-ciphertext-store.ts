import type { CiphertextStore } from '../ciphertext-store';

export interface MemoryCiphertextStore extends CiphertextStore {
  /** What is stored right now (a copy), `undefined` when empty. */
  peek(): unknown;
  /** Puts any raw value in the store, e.g. a damaged record, as if it had been read from disk. */
  seed(raw: unknown): void;
  /** How many times `write` was called, to prove a session-only key was never written. */
  readonly writeCount: number;
}

/** An in-memory store for tests. Values are copied in and out so tests see what was really written. */
export function createMemoryCiphertextStore(initial?: unknown): MemoryCiphertextStore {
  let value: unknown = initial === undefined ? undefined : structuredClone(initial);
  let writes = 0;
  return {
    async read() {
      return value === undefined ? undefined : structuredClone(value);
    },
    async write(record) {
      writes += 1;
      value = structuredClone(record);
    },
    async remove() {
      value = undefined;
    },
    peek() {
      return value === undefined ? undefined : structuredClone(value);
    },
    seed(raw) {
      value = raw === undefined ? undefined : structuredClone(raw);
    },
    get writeCount() {
      return writes;
    },
  };
}
