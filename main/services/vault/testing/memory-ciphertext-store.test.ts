import { describe, expect, it } from 'vitest';
import type { StoredKeyRecord } from '../ciphertext-store';
import { createMemoryCiphertextStore } from './memory-ciphertext-store';
import { SAMPLE_RECORD as RECORD } from './test-support';

describe('createMemoryCiphertextStore', () => {
  it('copies records in and out and counts writes', async () => {
    const store = createMemoryCiphertextStore();
    expect(store.writeCount).toBe(0);
    const record = { ...RECORD };
    await store.write(record);
    record.preview = 'changed by the caller';
    expect(store.peek()).toEqual(RECORD);
    const read = (await store.read()) as StoredKeyRecord;
    read.preview = 'changed by the reader';
    expect(store.peek()).toEqual(RECORD);
    expect(store.writeCount).toBe(1);
    await store.remove();
    expect(store.peek()).toBeUndefined();
  });

  it('can be seeded with any raw value, as if read from a damaged file', async () => {
    const store = createMemoryCiphertextStore({ garbage: true });
    await expect(store.read()).resolves.toEqual({ garbage: true });
    store.seed('text');
    await expect(store.read()).resolves.toBe('text');
    expect(store.writeCount).toBe(0);
  });
});
