import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Emulator } from '../../emulator/server';
import type { Harness } from '../../harness/harness';
import { test as base, expect } from '../fixtures';
import {
  assertNoKeyInLines,
  assertNoKeyLeak,
  assertNoKeyOnDisk,
  heapSnapshotStrings,
  withFullHeapStrings,
} from './key-leak';

/**
 * What the key-intake specs share: key-intake-sign-in, -clipboard, -typed-key and -env (every way a key
 * gets into Switchboard, against the emulator, failures included) and key-remove-replace. After each
 * test the chat page (heap, DOM, storage, cookies, console, its WebSocket traffic), main's log, the
 * key-entry windows' console and storage, and every file in the data directory are searched for every
 * key the test involved: whatever happened, the chat renderer must never have seen a key.
 */

export interface KeyWindow {
  page: Page;
  consoleLines: string[];
  /** A random string kept in the key window's heap; the chat page's heap must not contain it. */
  canary: string;
}

interface PathFixtures {
  /** Keys the test used, besides the emulator's default key and whatever key main holds at the end. */
  keysInvolved: string[];
  /** Every WebSocket frame the chat page sent or received (its bridge to main). */
  wsFrames: string[];
  keyWindows: KeyWindow[];
}

export const test = base.extend<PathFixtures>({
  launchOptions: [
    async ({ launchOptions }, use) => use(withFullHeapStrings(launchOptions)),
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  keysInvolved: async ({}, use) => use([]),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  wsFrames: async ({}, use) => use([]),
  // Wraps the page the `app` fixture opens, so frames are recorded from the first one.
  page: async ({ page, wsFrames }, use) => {
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => wsFrames.push(`sent: ${String(frame.payload)}`));
      ws.on('framereceived', (frame) => wsFrames.push(`received: ${String(frame.payload)}`));
    });
    await use(page);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  keyWindows: async ({}, use) => {
    const windows: KeyWindow[] = [];
    await use(windows);
    for (const w of windows) await w.page.close().catch(() => undefined);
  },
});

export { expect };

/**
 * Registers the key-leak scan after each test of the calling spec file. Playwright attaches a hook to
 * the spec file being loaded; one at this module's top level would be attached only to the first spec
 * that imports it (a module is evaluated once per worker), so each spec calls this at its top level.
 */
export function scanForKeysAfterEachTest(): void {
  test.afterEach(async ({ app, harness, consoleLines, keysInvolved, wsFrames, keyWindows }) => {
    const held = harness.services.vault.currentKey();
    const keys = [
      ...(harness.emulator ? [harness.emulator.defaultKey] : []),
      ...keysInvolved,
      ...(held ? [held] : []),
    ];
    if (keys.length === 0) return;
    // The recordings the scan relies on really saw the session.
    await expect
      .poll(() => wsFrames.length, 'no WebSocket frame of the chat page was recorded')
      .toBeGreaterThan(0);
    expect(harness.logLines.length, "main's log is empty").toBeGreaterThan(0);
    if (keyWindows.length > 0) {
      // The heap scan below is only meaningful if the key window's heap is not the chat page's too.
      const chatHeap = await heapSnapshotStrings(app);
      for (const w of keyWindows) {
        expect(
          chatHeap.includes(w.canary),
          'the key-entry page shares a JS heap with the chat page: the heap scan cannot tell them apart',
        ).toBe(false);
      }
    }
    await assertNoKeyLeak(app, keys, consoleLines, {
      extra: { 'chat page WebSocket frames': wsFrames, "main's log": harness.logLines },
    });
    for (const w of keyWindows) {
      // The key window legitimately held the typed key in its field and heap; its console and storage
      // must not have it.
      assertNoKeyInLines(w.consoleLines, keys, 'key-entry window console');
      if (!w.page.isClosed()) await assertNoKeyLeak(w.page, keys, [], { heap: false, dom: false });
    }
    await assertNoKeyOnDisk(harness.dataDir, keys);
  });
}

export function emulatorOf(harness: Harness): Emulator {
  if (!harness.emulator) throw new Error('this test needs the emulator');
  return harness.emulator;
}

export function newKey(): string {
  return `sk-or-v1-${randomBytes(32).toString('hex')}`;
}

/** `sk-or-v1-…abcd`, as the app shows it. */
export function preview(key: string): string {
  return `sk-or-v1-…${key.slice(-4)}`;
}

/** How the emulator labels a key that was not given one. */
export function emulatorLabel(key: string): string {
  const secret = key.slice('sk-or-v1-'.length);
  return `sk-or-v1-${secret.slice(0, 3)}...${secret.slice(-3)}`;
}

export const onboarding = (app: Page) => app.getByRole('region', { name: 'Connect your OpenRouter key' });
export const toasts = (app: Page) => app.getByRole('region', { name: 'Notifications' });

/** The encrypted record in the vault file, as `conf` wrote it, or undefined when there is none. */
export async function storedRecord(harness: Harness): Promise<Record<string, unknown> | undefined> {
  const file = join(harness.dataDir, 'vault.json');
  if (!existsSync(file)) return undefined;
  const text = await readFile(file, 'utf8');
  if (text.trim() === '') return undefined;
  const data = JSON.parse(text) as Record<string, unknown>;
  return data.openrouterKey as Record<string, unknown> | undefined;
}

export async function expectNothingStored(harness: Harness) {
  expect(harness.services.vault.status().state).toBe('none');
  expect(harness.services.vault.currentKey()).toBeNull();
  expect(await storedRecord(harness)).toBeUndefined();
}

/** Requests the emulator saw to verify a key (GET /key) or exchange a sign-in code. */
export const verifications = (emulator: Emulator) =>
  emulator.requests.filter((r) => r.path === '/api/v1/key');
export const exchanges = (emulator: Emulator) =>
  emulator.requests.filter((r) => r.path === '/api/v1/auth/keys');

export async function openSettingsKeySection(app: Page): Promise<{ dialog: Locator; section: Locator }> {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return { dialog, section: dialog.getByRole('region', { name: 'OpenRouter key' }) };
}

export async function closeSettings(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Settings shows the masked key, how it came in and where it is kept, and never more. */
export async function expectSettingsShow(app: Page, key: string, added: string, keptIn: string | RegExp) {
  const { dialog, section } = await openSettingsKeySection(app);
  await expect(section.locator('code')).toHaveText(preview(key));
  await expect(section).toContainText(added);
  await expect(section).toContainText(keptIn);
  await closeSettings(dialog);
}

/** For `page.evaluate`: the chat page's bridge, as the renderer sees it. */
export type WithBridge = {
  switchboard: SwitchboardBridge;
  firstSignIn?: ReturnType<SwitchboardBridge['startSignIn']>;
};
