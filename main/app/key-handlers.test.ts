import { describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../common/key-status';
import { createKeyHandlers, type KeyHandlerDeps } from './key-handlers';

const CTX = { windowId: 1, emit: () => {} };

describe('getKeyStatus', () => {
  it('answers only once the stored key has been read, never with a premature "no key"', async () => {
    let finishLoading: (status: KeyStatus) => void = () => {};
    const loaded = new Promise<KeyStatus>((resolve) => {
      finishLoading = resolve;
    });
    // Only the vault is reached by this handler; the rest of the deps are never touched.
    const deps = { vault: { init: () => loaded } } as unknown as KeyHandlerDeps;
    const handlers = createKeyHandlers(deps);

    let answer: KeyStatus | null = null;
    const pending = handlers.getKeyStatus(undefined, CTX).then((status) => {
      answer = status;
    });
    // Let every queued microtask run: still no answer while the keystore has not replied.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answer).toBeNull();

    const stored: KeyStatus = {
      state: 'stored',
      preview: 'sk-or-v1-…3f2a',
      source: 'clipboard',
      storedAt: '2026-11-28T12:00:00.000Z',
      backend: 'keychain',
    };
    finishLoading(stored);
    await pending;
    expect(answer).toEqual(stored);
  });
});
