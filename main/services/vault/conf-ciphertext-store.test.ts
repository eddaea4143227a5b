/**
 * The record on a real file, written by `conf` (what electron-store is built on and what the browser
 * harness uses): owner-only permissions, and nothing but ciphertext where the key would be.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createKeyValueCiphertextStore, DEFAULT_RECORD_NAME, type StoredKeyRecord } from './ciphertext-store';
import { DEFAULT_KEY_ORIGIN, openBinding } from './key-binding';
import { createKeyVault } from './key-vault';
import { createTestCipher } from './testing/test-cipher';
import { createVerifyStub, makeKey } from './testing/test-support';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-vault-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openConf() {
  return new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'vault',
    configFileMode: 0o600,
    projectName: 'switchboard-test',
  });
}

function vaultOver(conf: Conf<Record<string, unknown>>, cipher = createTestCipher()) {
  return createKeyVault({
    cipher,
    store: createKeyValueCiphertextStore(conf),
    log: createMemoryLogger(),
    verify: createVerifyStub().verify,
  });
}

describe('conf-backed ciphertext store', () => {
  it('writes an owner-only file holding only ciphertext, which loads again after a restart', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const conf = openConf();
    await vaultOver(conf, cipher).store({ key, source: 'typed', persistence: 'encrypted' });

    const bytes = await readFile(conf.path);
    for (const form of [key, Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url')]) {
      expect(bytes.includes(Buffer.from(form))).toBe(false);
    }
    expect(bytes.includes(Buffer.from(key.slice(9, -4)))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(key).toString('hex')))).toBe(false);

    const record = JSON.parse(bytes.toString('utf8'))[DEFAULT_RECORD_NAME] as StoredKeyRecord;
    expect(record.version).toBe(2);
    const decrypted = await cipher.decrypt(new Uint8Array(Buffer.from(record.ciphertext, 'base64')));
    expect(openBinding(decrypted.result)).toEqual({ key, origin: DEFAULT_KEY_ORIGIN });

    if (process.platform !== 'win32') {
      expect((await stat(conf.path)).mode & 0o777).toBe(0o600);
    }

    const restarted = vaultOver(openConf(), cipher);
    await expect(restarted.init()).resolves.toMatchObject({ state: 'stored' });
    expect(restarted.currentKey()).toBe(key);

    await restarted.remove();
    const after = JSON.parse(await readFile(conf.path, 'utf8')) as Record<string, unknown>;
    expect(after[DEFAULT_RECORD_NAME]).toBeUndefined();
  });

  it('a session-only key never reaches the file', async () => {
    const key = makeKey();
    const conf = openConf();
    await vaultOver(conf).store({ key, source: 'typed', persistence: 'session' });
    const contents = await readFile(conf.path, 'utf8').catch(() => '');
    expect(contents).not.toContain(key.slice(9, -4));
    expect(contents).not.toContain(DEFAULT_RECORD_NAME);
  });
});
