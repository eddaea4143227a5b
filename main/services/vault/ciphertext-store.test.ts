import { describe, expect, it } from 'vitest';
import {
  createKeyValueCiphertextStore,
  DEFAULT_RECORD_NAME,
  StoredKeyRecordSchema,
} from './ciphertext-store';
import { SAMPLE_RECORD as RECORD } from './testing/test-support';

describe('createKeyValueCiphertextStore', () => {
  it('reads, writes and removes one named entry of a key-value store', async () => {
    const map = new Map<string, unknown>([['other', 42]]);
    const kv = {
      get: (key: string) => map.get(key),
      set: (key: string, value: unknown) => void map.set(key, value),
      delete: (key: string) => void map.delete(key),
    };
    const store = createKeyValueCiphertextStore(kv);
    await expect(store.read()).resolves.toBeUndefined();
    await store.write(RECORD);
    expect(map.get(DEFAULT_RECORD_NAME)).toEqual(RECORD);
    expect(map.get(DEFAULT_RECORD_NAME)).not.toBe(RECORD);
    await expect(store.read()).resolves.toEqual(RECORD);
    await store.remove();
    await expect(store.read()).resolves.toBeUndefined();
    expect(map.get('other')).toBe(42);
  });
});

describe('StoredKeyRecordSchema', () => {
  it('accepts a well-formed record', () => {
    expect(StoredKeyRecordSchema.safeParse(RECORD).success).toBe(true);
  });

  it.each([
    ['a future version', { ...RECORD, version: 3 }],
    ['non-base64 ciphertext', { ...RECORD, ciphertext: 'not base64!' }],
    ['empty ciphertext', { ...RECORD, ciphertext: '' }],
    ['unknown source', { ...RECORD, source: 'smoke-signal' }],
    ['bad date', { ...RECORD, storedAt: 'yesterday' }],
    ['missing backend', { ...RECORD, backend: undefined }],
    ['not an object', 'sk-or-v1-abc'],
  ])('rejects %s', (_name, raw) => {
    expect(StoredKeyRecordSchema.safeParse(raw).success).toBe(false);
  });
});
