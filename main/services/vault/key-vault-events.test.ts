/** Status announcements and the serialisation of concurrent store/remove calls. */
import { describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../common/key-status';
import type { StoredKeyRecord } from './ciphertext-store';
import { decryptStored, makeKey, makeVault } from './testing/test-support';

/** Lets pending promise chains (and a 0 ms timer) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

describe('key vault: status listeners', () => {
  it('announces each change once, in order, and stops after unsubscribe', async () => {
    const { vault, verifyStub } = makeVault();
    const seen: KeyStatus['state'][] = [];
    const unsubscribe = vault.onStatusChange((status) => seen.push(status.state));

    await vault.init(); // none -> none: nothing changed, nothing announced
    await vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' });
    await vault.verify(); // a check does not change the status
    await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    await vault.remove();
    await vault.remove(); // already none
    expect(seen).toEqual(['stored', 'session-only', 'none']);
    expect(verifyStub.calls).toHaveLength(3);

    unsubscribe();
    await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    expect(seen).toHaveLength(3);
    expect(vault.status().state).toBe('session-only');
  });

  it('announces the status the vault reports', async () => {
    const { vault, announced } = makeVault();
    await vault.store({ key: makeKey(), source: 'oauth', persistence: 'encrypted' });
    expect(announced.at(-1)).toEqual(vault.status());
  });

  it('a throwing listener neither breaks the vault nor starves other listeners', async () => {
    const { vault, log } = makeVault();
    vault.onStatusChange(() => {
      throw new Error('renderer gone');
    });
    const seen: string[] = [];
    vault.onStatusChange((status) => seen.push(status.state));
    const result = await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    expect(result.status.state).toBe('session-only');
    expect(seen).toEqual(['session-only']);
    expect(log.lines.join('\n')).toMatch(/listener failed/);
  });
});

describe('key vault: concurrency', () => {
  it('a remove issued while a store is verifying waits for it, and wins because it came last', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store, verifyStub } = makeVault();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    const oldRecord = store.peek();

    const release = verifyStub.hold();
    const storing = vault.store({ key: newKey, source: 'typed', persistence: 'encrypted' });
    const removing = vault.remove();
    await settle();
    // The store is parked in verification; the remove must not have run in between.
    expect(verifyStub.calls.at(-1)).toBe(newKey);
    expect(store.peek()).toEqual(oldRecord);
    expect(vault.currentKey()).toBe(oldKey);

    release();
    const [stored, removed] = await Promise.all([storing, removing]);
    expect(stored.status.state).toBe('stored');
    expect(removed.state).toBe('none');
    expect(vault.status().state).toBe('none');
    expect(vault.currentKey()).toBeNull();
    expect(store.peek()).toBeUndefined();
  });

  it('a store issued after a remove ends stored', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store, cipher } = makeVault();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    const [removed, stored] = await Promise.all([
      vault.remove(),
      vault.store({ key: newKey, source: 'typed', persistence: 'encrypted' }),
    ]);
    expect(removed.state).toBe('none');
    expect(stored.status.state).toBe('stored');
    expect(vault.currentKey()).toBe(newKey);
    await expect(decryptStored(store, cipher)).resolves.toMatchObject({ result: newKey });
  });

  it('racing stores end with the last one, and memory and disk agree', async () => {
    const keys = [makeKey(), makeKey(), makeKey()];
    const { vault, store, cipher, verifyStub } = makeVault();
    const release = verifyStub.hold();
    const all = Promise.all(
      keys.map((key) => vault.store({ key, source: 'typed', persistence: 'encrypted' })),
    );
    await settle();
    expect(verifyStub.calls).toEqual([keys[0]]); // one at a time
    release();
    await all;
    expect(verifyStub.calls).toEqual(keys);
    expect(vault.currentKey()).toBe(keys[2]);
    await expect(decryptStored(store, cipher)).resolves.toMatchObject({ result: keys[2] });
    expect((store.peek() as StoredKeyRecord).preview).toBe((vault.status() as { preview: string }).preview);
  });

  it('a failing store does not block the calls queued behind it', async () => {
    const { vault } = makeVault();
    const results = await Promise.allSettled([
      vault.store({ key: 'nonsense', source: 'typed', persistence: 'encrypted' }),
      vault.store({ key: makeKey(), source: 'typed', persistence: 'session' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(vault.status().state).toBe('session-only');
  });
});
