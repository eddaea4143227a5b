import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElectronApplication, Locator, Page } from '@playwright/test';
import type { SwitchboardBridge } from '../../common/ipc/bridge-types';
import { catalogIntl } from '../../main/services/i18n/catalog-intl';
import { backendMessageValues } from '../../renderer/src/format/key-storage';

import { maskedLabel } from '../emulator/keys';
import type { Emulator, RecordedRequest } from '../emulator/server';
import { assertNoKeyLeak, assertNoKeyOnDisk, previewOf } from '../harness-specs/helpers/key-leak';
import { CHAT_PATH, ui } from '../harness-specs/helpers/ui';
import { expect, type Switchboard, test } from './fixtures';

/** The backend in English words, as the window says it (its catalog message, read here in Node). */
const describeBackend = (backend: string) =>
  catalogIntl('en').formatMessage({ id: 'format.key.backend' }, backendMessageValues(backend));

/**
 * What the Electron specs share beyond launching: the key's ways in as the real app offers them on
 * this platform, Settings, the bridge as the page sees it, and the leak scans.
 */

/** For `page.evaluate`: the chat window's bridge, exactly as the page (and injected script) sees it. */
export type WithBridge = { switchboard: SwitchboardBridge };

// ---------------------------------------------------------------------------------------------------
// safeStorage on the real platform

/** What `safeStorage` says in the running app; the backend is named as the vault names it. */
export interface StorageFacts {
  available: boolean;
  backend: string;
  platform: string;
}

export async function storageFacts(app: ElectronApplication): Promise<StorageFacts> {
  return app.evaluate(async ({ safeStorage }) => ({
    available: await safeStorage.isAsyncEncryptionAvailable(),
    backend:
      process.platform === 'linux'
        ? safeStorage.getSelectedStorageBackend()
        : process.platform === 'darwin'
          ? 'keychain'
          : process.platform === 'win32'
            ? 'dpapi'
            : 'unknown',
    platform: process.platform,
  }));
}

/**
 * How a key can be kept here:
 * - `encrypted`: a real keystore (Keychain, DPAPI, libsecret, KWallet): "Encrypted" is the default;
 * - `weak`: Linux `basic_text` (no keyring, e.g. CI under xvfb) with encryption available: the key is
 *   kept on disk only after the person explicitly accepts the weak protection;
 * - `session-only`: encryption unavailable: only "For this session only" can be chosen.
 */
export type Keeping = 'encrypted' | 'weak' | 'session-only';

export function keepingOf(facts: StorageFacts): Keeping {
  if (!facts.available) return 'session-only';
  return facts.backend === 'basic_text' ? 'weak' : 'encrypted';
}

// ---------------------------------------------------------------------------------------------------
// The system clipboard, set and read in main (where the app reads it)

export async function setClipboard(app: ElectronApplication, text: string): Promise<void> {
  await app.evaluate(async ({ clipboard }, value) => {
    await clipboard.writeText(value);
  }, text);
}

export async function readClipboard(app: ElectronApplication): Promise<string> {
  return app.evaluate(async ({ clipboard }) => clipboard.readText());
}

// ---------------------------------------------------------------------------------------------------
// Onboarding and Settings

export const onboarding = (page: Page) => page.getByRole('region', { name: 'Connect your OpenRouter key' });
export const toasts = (page: Page) => page.getByRole('region', { name: 'Notifications' });
export const envOffer = (page: Page) => page.getByRole('region', { name: 'Key from the environment' });

/** The toast after a key was verified with the emulator (its default usage, no limit). */
export function keySavedToast(key: string): string {
  return `Key saved: ${maskedLabel(key)} — $1.25 used, no spending limit.`;
}

/** "Kept in" as Settings words it for a key kept this way. */
export function keptInText(keeping: Keeping | 'session', backend: string): string {
  return keeping === 'session' || keeping === 'session-only'
    ? 'Memory only: it is forgotten when Switchboard quits'
    : describeBackend(backend);
}

/**
 * Adds `key` with "Paste from clipboard", keeping it as asked where the platform allows it:
 * `persistence: 'session'` always works; `'encrypted'` goes through the explicit weak-protection
 * opt-in on `basic_text`, and is not possible when encryption is unavailable.
 */
export async function pasteKey(
  switchboard: Switchboard,
  key: string,
  persistence: 'session' | 'encrypted',
): Promise<void> {
  const { app, page } = switchboard.current;
  await expect(onboarding(page)).toBeVisible();
  if (persistence === 'session') {
    await page.getByRole('radio', { name: 'For this session only' }).check();
  } else {
    const keeping = keepingOf(await storageFacts(app));
    if (keeping === 'session-only') throw new Error('pasteKey: encryption is unavailable here');
    await page.getByRole('radio', { name: 'Encrypted on this computer' }).check();
    if (keeping === 'weak') {
      await page.getByRole('checkbox', { name: /accept this weak protection/ }).check();
    }
  }
  await setClipboard(app, key);
  await page.getByRole('button', { name: 'Paste from clipboard' }).click();
  await expect(toasts(page)).toContainText(keySavedToast(key));
  await expect(onboarding(page)).toBeHidden();
}

export async function openSettingsKeySection(page: Page): Promise<{ dialog: Locator; section: Locator }> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return { dialog, section: dialog.getByRole('region', { name: 'OpenRouter key' }) };
}

export async function closeSettings(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Settings shows the masked key, how it came in and where it is kept, and never more. */
export async function expectSettingsShow(page: Page, key: string, added: string, keptIn: string) {
  const { dialog, section } = await openSettingsKeySection(page);
  await expect(section.locator('code')).toHaveText(previewOf(key));
  await expect(section).toContainText(added);
  await expect(section).toContainText(keptIn);
  await expect(section).not.toContainText(key.slice(12, 28));
  await closeSettings(dialog);
}

// ---------------------------------------------------------------------------------------------------
// What main stored, read as the page or the disk sees it

/** The encrypted key record in `<userData>/vault.json` (electron-store), or undefined when none. */
export async function storedRecord(dataDir: string): Promise<Record<string, unknown> | undefined> {
  const file = join(dataDir, 'vault.json');
  if (!existsSync(file)) return undefined;
  const text = await readFile(file, 'utf8');
  if (text.trim() === '') return undefined;
  const data = JSON.parse(text) as Record<string, unknown>;
  return data.openrouterKey as Record<string, unknown> | undefined;
}

/** The messages main keeps for the only conversation, read through the page's own bridge. */
export async function storedMessages(page: Page) {
  return page.evaluate(async () => {
    const bridge = (window as unknown as WithBridge).switchboard;
    const list = await bridge.listConversations({ limit: 10 });
    if (!list.ok) throw new Error(`listConversations failed: ${list.error.message}`);
    if (list.value.items.length !== 1) throw new Error(`expected one conversation, not ${list.value.total}`);
    const id = list.value.items[0]?.id ?? '';
    const page = await bridge.loadMessages({ conversationId: id, limit: 50 });
    if (!page.ok) throw new Error(`loadMessages failed: ${page.error.message}`);
    return page.value.messages.map((m) => ({ role: m.role, status: m.status, content: m.content }));
  });
}

/**
 * Makes `modelId` (e.g. a paced emulator model the picker does not list) the default model through
 * the page's bridge, and reloads so the window picks it up.
 */
export async function startWithModel(page: Page, modelId: string): Promise<void> {
  const result = await page.evaluate(
    (defaultModel) => (window as unknown as WithBridge).switchboard.updateSettings({ defaultModel }),
    modelId,
  );
  expect(result.ok, 'updateSettings').toBe(true);
  await page.reload();
  await expect(ui(page).modelButton).toHaveAccessibleDescription(modelId);
}

// ---------------------------------------------------------------------------------------------------
// The emulator's side

export function chatRequests(emulator: Emulator): RecordedRequest[] {
  return emulator.requests.filter((r) => r.method === 'POST' && r.path === CHAT_PATH);
}

export function waitForChatRequest(emulator: Emulator, afterId = 0): Promise<RecordedRequest> {
  return emulator.waitForRequest(
    (r) => r.method === 'POST' && r.path === CHAT_PATH && r.id > afterId,
    20_000,
  );
}

/** GET /key: how main verifies a key before keeping it. */
export function verifications(emulator: Emulator): RecordedRequest[] {
  return emulator.requests.filter((r) => r.path === '/api/v1/key');
}

// ---------------------------------------------------------------------------------------------------
// Leak scans

/**
 * The chat page's JS heap (full strings), DOM, field values, web storage, IndexedDB, cookies and
 * console, plus everything main wrote to stdout/stderr, must hold no 16+ character piece of any key.
 */
export async function assertNoKeyInChatWindow(switchboard: Switchboard, keys: readonly string[]) {
  const { page, consoleLines } = switchboard.current;
  await assertNoKeyLeak(page, keys, consoleLines, {
    extra: { "main's stdout/stderr": switchboard.mainOutputLines() },
  });
}

/**
 * After every passing test of a spec: the emulator's key is in neither the chat window nor any file of
 * the profile (the app is quit for the disk scan). Call once at the top level of a spec.
 */
export function scanForTheKeyAfterEachTest(): void {
  test.afterEach(async ({ switchboard, emulator }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus || !switchboard.isRunning) return;
    await assertNoKeyInChatWindow(switchboard, [emulator.defaultKey]);
    await assertNoKeyOnDiskAfterQuit(switchboard, [emulator.defaultKey]);
  });
}

function isLockError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
}

/**
 * Quits the app (so history, settings, logs and Chromium's own files are flushed and unlocked), then
 * searches every file under the user-data directory. Returns how many files were searched.
 */
export async function assertNoKeyOnDiskAfterQuit(
  switchboard: Switchboard,
  keys: readonly string[],
): Promise<number> {
  await switchboard.close();
  let files = 0;
  let failure: unknown = null;
  // Windows can keep a just-exited process's files locked for a moment: wait for the locks only.
  await expect
    .poll(
      async () => {
        try {
          files = await assertNoKeyOnDisk(switchboard.dataDir, keys);
          return 'scanned';
        } catch (error) {
          if (isLockError(error)) return 'locked';
          failure = error;
          return 'failed';
        }
      },
      { message: 'files under the user-data directory stayed locked', timeout: 15_000 },
    )
    .not.toBe('locked');
  if (failure) throw failure;
  expect(files, 'the user-data directory scan saw no files').toBeGreaterThan(0);
  return files;
}
