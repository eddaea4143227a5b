import { describe, expect, it } from 'vitest';
import { createTestCipher } from './test-cipher';

const PLAINTEXT = 'sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('createTestCipher', () => {
  it('round-trips a string through real encryption', async () => {
    const cipher = createTestCipher();
    const ciphertext = await cipher.encrypt(PLAINTEXT);
    await expect(cipher.decrypt(ciphertext)).resolves.toEqual({ result: PLAINTEXT, shouldReEncrypt: false });
  });

  it('produces different ciphertext each time (random IV) that does not contain the plaintext', async () => {
    const cipher = createTestCipher();
    const a = Buffer.from(await cipher.encrypt(PLAINTEXT));
    const b = Buffer.from(await cipher.encrypt(PLAINTEXT));
    expect(a.equals(b)).toBe(false);
    for (const bytes of [a, b]) {
      expect(bytes.includes(Buffer.from(PLAINTEXT))).toBe(false);
      expect(bytes.toString('base64')).not.toContain(Buffer.from(PLAINTEXT).toString('base64'));
    }
  });

  it('shares a keyring between instances with the same secret (a restart)', async () => {
    const ciphertext = await createTestCipher({ secret: 's1' }).encrypt(PLAINTEXT);
    await expect(createTestCipher({ secret: 's1' }).decrypt(ciphertext)).resolves.toMatchObject({
      result: PLAINTEXT,
    });
  });

  it('cannot decrypt with a different secret (another keyring)', async () => {
    const ciphertext = await createTestCipher({ secret: 's1' }).encrypt(PLAINTEXT);
    await expect(createTestCipher({ secret: 's2' }).decrypt(ciphertext)).rejects.toThrow();
  });

  it('detects tampered, truncated and unknown-version data', async () => {
    const cipher = createTestCipher();
    const ciphertext = await cipher.encrypt(PLAINTEXT);
    const tampered = new Uint8Array(ciphertext);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01;
    await expect(cipher.decrypt(tampered)).rejects.toThrow();
    await expect(cipher.decrypt(ciphertext.subarray(0, 10))).rejects.toThrow(/too short/);
    const future = new Uint8Array(ciphertext);
    future[0] = 9;
    await expect(cipher.decrypt(future)).rejects.toThrow(/unknown key version/);
  });

  it('after rotate(), old ciphertext decrypts with shouldReEncrypt and new ciphertext without', async () => {
    const cipher = createTestCipher();
    const old = await cipher.encrypt(PLAINTEXT);
    cipher.rotate();
    await expect(cipher.decrypt(old)).resolves.toEqual({ result: PLAINTEXT, shouldReEncrypt: true });
    const fresh = await cipher.encrypt(PLAINTEXT);
    expect(fresh[0]).toBe(2);
    await expect(cipher.decrypt(fresh)).resolves.toEqual({ result: PLAINTEXT, shouldReEncrypt: false });
  });

  it('breakDecryption() makes every decrypt fail while encryption still works', async () => {
    const cipher = createTestCipher();
    const ciphertext = await cipher.encrypt(PLAINTEXT);
    cipher.breakDecryption();
    await expect(cipher.decrypt(ciphertext)).rejects.toThrow(/broken/);
    await expect(cipher.encrypt(PLAINTEXT)).resolves.toBeInstanceOf(Uint8Array);
  });

  it('setAvailable(false) reports unavailability and refuses to encrypt or decrypt', async () => {
    const cipher = createTestCipher();
    const ciphertext = await cipher.encrypt(PLAINTEXT);
    cipher.setAvailable(false);
    await expect(cipher.isAvailable()).resolves.toBe(false);
    await expect(cipher.encrypt(PLAINTEXT)).rejects.toThrow(/not available/);
    await expect(cipher.decrypt(ciphertext)).rejects.toThrow(/not available/);
    cipher.setAvailable(true);
    await expect(cipher.isAvailable()).resolves.toBe(true);
  });

  it('honours the backend and available options', async () => {
    expect(createTestCipher().backend()).toBe('test');
    expect(createTestCipher({ backend: 'basic_text' }).backend()).toBe('basic_text');
    await expect(createTestCipher({ available: false }).isAvailable()).resolves.toBe(false);
  });
});
