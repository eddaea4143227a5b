import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/server';
import type { Harness } from '../harness/harness';
import {
  emulatorOf,
  exchanges,
  expect,
  expectNothingStored,
  expectSettingsShow,
  newKey,
  onboarding,
  preview,
  scanForKeysAfterEachTest,
  storedRecord,
  test,
  toasts,
  verifications,
  type WithBridge,
} from './helpers/key-intake';
import { findKeyIn } from './helpers/key-leak';
import { pickModel } from './helpers/ui';

/**
 * Key intake, "Sign in with OpenRouter": PKCE through the system browser (played by the harness), a
 * key already kept, and storage choices that cannot be honoured. Each test ends with the key-leak
 * scan (helpers/key-intake.ts).
 */

test.use({ harnessOptions: { withKey: false } });
scanForKeysAfterEachTest();

/** Picks a model, sends a message, waits for the reply; returns the Authorization main sent. */
async function chatWorks(app: Page, emulator: Emulator): Promise<string | undefined> {
  await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  const composer = app.getByRole('textbox', { name: 'Message' });
  await composer.fill('Hello after adding a key');
  await composer.press('Enter');
  await expect(app.getByRole('article', { name: 'user message' })).toContainText('Hello after adding a key');
  await expect(app.getByRole('article', { name: 'assistant message' }).last()).not.toBeEmpty();
  const chat = await emulator.waitForRequest((r) => r.path === '/api/v1/chat/completions');
  return chat.headers.authorization;
}

/**
 * Plays the system browser on a sign-in: opens main's one-time launch URL, follows its redirect to
 * OpenRouter's consent page, and the consent page's redirect to main's callback.
 */
async function approveInBrowser(launchUrl: string): Promise<{ callback: string; page: Promise<Response> }> {
  const launch = await fetch(launchUrl, { redirect: 'manual' });
  const consent = launch.headers.get('location');
  if (!consent) throw new Error(`the launch URL did not redirect (HTTP ${launch.status})`);
  const redirect = await fetch(consent, { redirect: 'manual' });
  const callback = redirect.headers.get('location');
  if (!callback) throw new Error(`the consent page did not redirect (HTTP ${redirect.status})`);
  return { callback, page: fetch(callback) };
}

// ---------------------------------------------------------------------------------------------------

test.describe('Sign in with OpenRouter', () => {
  test('approved: key stored via PKCE, toast with its label, masked in Settings, chat works', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    await expect(onboarding(app)).toBeVisible();
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();

    await expect(onboarding(app)).toBeHidden();
    await expect(toasts(app)).toContainText('Key saved: OAuth key — $1.25 used, no spending limit.');
    const status = harness.services.vault.status();
    expect(status).toMatchObject({ state: 'stored', source: 'oauth' });
    const key = harness.services.vault.currentKey();
    expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(key).not.toBe(emulator.defaultKey);
    expect((await storedRecord(harness))?.source).toBe('oauth');

    // PKCE: the verifier sent to /auth/keys hashes to the challenge the consent page was given.
    expect(harness.signInUrls).toHaveLength(1);
    const auth = emulator.requests.filter((r) => r.path === '/auth');
    expect(auth).toHaveLength(1);
    const authQuery = auth[0]?.query ?? {};
    expect(authQuery.code_challenge_method).toBe('S256');
    expect(authQuery.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authQuery.callback_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/[A-Za-z0-9_-]{43}$/);
    // The system browser was handed only a one-time loopback launch URL (on Linux it lands in
    // xdg-open's argv, readable by any local user): none of the sign-in's secrets, and dead after use.
    const launchUrl = harness.signInUrls[0] ?? '';
    expect(launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]{43}$/);
    const callbackPath = new URL(String(authQuery.callback_url)).pathname;
    for (const secret of [
      authQuery.state,
      authQuery.code_challenge,
      callbackPath.slice('/callback/'.length),
    ]) {
      expect(launchUrl).not.toContain(String(secret));
    }
    expect(harness.consentUrls).toHaveLength(1);
    expect(harness.consentUrls[0]).toContain(`state=${authQuery.state}`);
    await expect(
      fetch(launchUrl, { redirect: 'manual' }),
      'the launch URL is gone after use',
    ).rejects.toThrow();
    // No key was kept before, so nothing was asked.
    expect(harness.questions).toEqual([]);
    const exchange = await emulator.waitForRequest(
      (r) => r.method === 'POST' && r.path === '/api/v1/auth/keys',
    );
    const body = exchange.body as { code?: string; code_verifier?: string; code_challenge_method?: string };
    expect(body.code_challenge_method).toBe('S256');
    expect(body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(createHash('sha256').update(String(body.code_verifier)).digest('base64url')).toBe(
      authQuery.code_challenge,
    );
    expect(exchange.headers.authorization, 'the exchange has no key to send').toBeUndefined();
    expect(exchanges(emulator)).toHaveLength(1);
    // The new key was checked with OpenRouter before it was kept.
    expect(verifications(emulator).map((r) => r.headers.authorization)).toContain(`Bearer ${key}`);

    await expectSettingsShow(app, String(key), 'Signed in with OpenRouter', 'your desktop keyring');
    expect(await chatWorks(app, emulator)).toBe(`Bearer ${key}`);
  });

  test('approved with "For this session only": kept in memory, nothing written', async ({ app, harness }) => {
    await app.getByRole('radio', { name: 'For this session only' }).check();
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.services.vault.status()).toMatchObject({ state: 'session-only', source: 'oauth' });
    expect(await storedRecord(harness)).toBeUndefined();
    await expectSettingsShow(
      app,
      String(harness.services.vault.currentKey()),
      'Signed in with OpenRouter',
      'Memory only: it is forgotten when Switchboard quits',
    );
  });

  test('denied in the browser: clear message, nothing stored, no exchange', async ({ app, harness }) => {
    const emulator = emulatorOf(harness);
    harness.signInBrowser = 'deny';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toHaveText(
      'Sign-in was cancelled in the browser. Sign in again whenever you are ready.',
    );
    await expect(onboarding(app).getByRole('status')).toBeHidden();
    await expect(app.getByRole('button', { name: 'Sign in with OpenRouter' })).toBeEnabled();
    expect(harness.signInUrls).toHaveLength(1);
    expect(exchanges(emulator)).toHaveLength(0);
    await expectNothingStored(harness);
  });

  test('answer with a wrong state: refused, nothing stored, the code is never exchanged', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    harness.signInBrowser = 'bad_state';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toHaveText(
      "The answer from the browser didn't match this sign-in, so Switchboard ignored it. Try signing in again.",
    );
    // The emulator did hand out a code (with the tampered state); main must not have traded it in.
    expect(emulator.requests.filter((r) => r.path === '/auth')).toHaveLength(1);
    expect(exchanges(emulator)).toHaveLength(0);
    await expectNothingStored(harness);
    await expect(onboarding(app)).toBeVisible();
  });

  test('answer without a code: message, nothing stored', async ({ app, harness }) => {
    const emulator = emulatorOf(harness);
    harness.signInBrowser = 'no_code';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toHaveText(
      'OpenRouter did not return a code, so the sign-in could not finish. Try signing in again.',
    );
    expect(exchanges(emulator)).toHaveLength(0);
    await expectNothingStored(harness);
  });

  test('cancelled while waiting: cancelled message, listener closed, a late approval does nothing', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    harness.signInBrowser = 'ignore';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    const progress = onboarding(app).getByRole('status');
    await expect(progress).toContainText('Waiting for you to approve access in your browser…');
    await expect(app.getByRole('button', { name: 'Paste from clipboard' })).toBeDisabled();
    expect(harness.signInUrls).toHaveLength(1);

    await progress.getByRole('button', { name: 'Cancel sign-in' }).click();
    await expect(onboarding(app).getByRole('alert')).toHaveText('Sign-in was cancelled.');
    await expect(progress).toBeHidden();
    await expect(app.getByRole('button', { name: 'Sign in with OpenRouter' })).toBeEnabled();

    // The person opens the browser afterwards: main's listener (launch URL included) is gone.
    const signInUrl = harness.signInUrls[0] ?? '';
    await expect(approveInBrowser(signInUrl)).rejects.toThrow();
    expect(exchanges(emulator)).toHaveLength(0);
    await expectNothingStored(harness);

    // A new sign-in after the cancelled one works normally.
    harness.signInBrowser = 'approve';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.signInUrls).toHaveLength(2);
    expect(exchanges(emulator)).toHaveLength(1);
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', source: 'oauth' });
  });

  // Regression test (was a bug in renderer/src/components/onboarding/onboarding.tsx): the "Cancel sign-in" control exists only in
  // the window state that started the sign-in (`busy === 'sign-in'`). If the chat window is reloaded or
  // recreated while a sign-in waits for the browser (e.g. macOS: close the window, reopen it from the
  // dock), "Sign in with OpenRouter" answers "A sign-in is already in progress. Finish it in your browser
  // or cancel it first." but nothing in the window can cancel it, and no progress is shown: the person
  // is stuck until the 5-minute loopback timeout (or must finish in a browser tab they may have closed).
  test('after the chat window reloads mid sign-in, the running sign-in can still be cancelled', async ({
    app,
    harness,
  }) => {
    harness.signInBrowser = 'ignore';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('status')).toContainText('Waiting for you to approve access');
    await app.reload();
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toContainText('already in progress');
    const cancel = app.getByRole('button', { name: 'Cancel sign-in' });
    await expect(cancel, 'the window offers no way to cancel the running sign-in').toBeVisible();
    await cancel.click();
    harness.signInBrowser = 'approve';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.signInUrls).toHaveLength(2);
  });

  test('a second sign-in while one runs gets "already in progress"; the first is undisturbed', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    harness.signInBrowser = 'ignore';
    await app.evaluate(() => {
      const w = window as unknown as WithBridge;
      w.firstSignIn = w.switchboard.startSignIn({ persistence: 'encrypted' });
    });
    await expect.poll(() => harness.signInUrls.length).toBe(1);

    const second = await app.evaluate(() =>
      (window as unknown as WithBridge).switchboard.startSignIn({ persistence: 'encrypted' }),
    );
    expect(second).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'sign_in_in_progress',
        message: 'A sign-in is already in progress. Finish it in your browser or cancel it first.',
      }),
    });
    expect(harness.signInUrls, 'the second sign-in must not open the browser').toHaveLength(1);

    // The first one still completes when the person approves it.
    const { page } = await approveInBrowser(harness.signInUrls[0] ?? '');
    const first = await app.evaluate(() => (window as unknown as WithBridge).firstSignIn);
    expect(first).toMatchObject({ ok: true, value: { phase: 'done', verified: true } });
    const answer = await page;
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain('Signed in to Switchboard');
    const key = harness.services.vault.currentKey();
    expect(key).toMatch(/^sk-or-v1-/);
    expect(findKeyIn(html, String(key)), 'the browser page must not show the key').toBeNull();
    expect(exchanges(emulator)).toHaveLength(1);
    await expect(onboarding(app)).toBeHidden();
  });
});

test.describe('Sign in while a key is already kept', () => {
  /** Starts a sign-in from the start screen, then a key arrives another way while it waits. */
  async function keyArrivesDuringSignIn(app: Page, harness: Harness, keysInvolved: string[]) {
    harness.signInBrowser = 'ignore';
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect.poll(() => harness.signInUrls.length).toBe(1);
    const current = newKey();
    keysInvolved.push(current);
    emulatorOf(harness).addKey({ key: current, label: 'Work laptop' });
    // As the key-entry window would store it, in main.
    await harness.services.vault.store({ key: current, source: 'typed', persistence: 'encrypted' });
    await expect(onboarding(app)).toBeHidden();
    return current;
  }

  test('main asks with both labels before replacing; "no" keeps the current key and says so', async ({
    app,
    harness,
    keysInvolved,
  }) => {
    harness.answers['replace-key'] = false;
    const current = await keyArrivesDuringSignIn(app, harness, keysInvolved);
    const { page } = await approveInBrowser(harness.signInUrls[0] ?? '');

    await expect(toasts(app)).toContainText(
      'Kept your current key. OpenRouter created a new key during this sign-in; if you do not need it, delete it at openrouter.ai/settings/keys.',
    );
    expect(harness.questions).toEqual([
      {
        kind: 'replace-key',
        currentLabel: 'Work laptop',
        currentPreview: preview(current),
        newLabel: 'OAuth key',
        newPreview: expect.stringMatching(/^sk-or-v1-…[0-9a-f]{4}$/),
      },
    ]);
    expect(harness.services.vault.currentKey()).toBe(current);
    expect(await storedRecord(harness)).toMatchObject({ source: 'typed', preview: preview(current) });
    expect(exchanges(emulatorOf(harness))).toHaveLength(1);
    const html = await (await page).text();
    expect(html).toContain('kept your current key');
    expect(html).toContain('openrouter.ai/settings/keys');
  });

  test('"yes" replaces it with the signed-in key', async ({ app, harness, keysInvolved }) => {
    expect(harness.answers['replace-key']).toBe(true);
    const current = await keyArrivesDuringSignIn(app, harness, keysInvolved);
    await approveInBrowser(harness.signInUrls[0] ?? '');

    await expect(toasts(app)).toContainText('Key saved: OAuth key');
    expect(harness.questions).toHaveLength(1);
    expect(harness.questions[0]).toMatchObject({ kind: 'replace-key', newLabel: 'OAuth key' });
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', source: 'oauth' });
    expect(harness.services.vault.currentKey()).not.toBe(current);
  });
});

test.describe('no keyring (basic_text backend)', () => {
  test.use({ harnessOptions: { withKey: false, cipherBackend: 'basic_text' } });

  test('sign-in with "Encrypted" and weak protection not accepted: refused, nothing stored', async ({
    app,
    harness,
  }) => {
    await app.getByRole('radio', { name: 'Encrypted on this computer' }).check();
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toContainText('"basic_text" backend');
    await expectNothingStored(harness);
  });

  // Regression test (was a bug in main/app/key-intake.ts startSignIn / main/services/key-intake/sign-in.ts): the persistence choice
  // is only checked by the vault when the new key is stored, i.e. after the browser consent and the
  // POST /auth/keys exchange. With no keyring (basic_text) and "Encrypted" chosen without accepting weak
  // protection, sign-in therefore opens the browser, has OpenRouter mint a new API key on the person's
  // account, then refuses to keep it and silently discards it (not revoked): every retry leaves another
  // orphan key behind. Paste and the key window refuse before anything is sent (assertCanPersist runs
  // before verification); sign-in should refuse before opening the browser too.
  test('sign-in refuses an impossible storage choice before the browser opens', async ({ app, harness }) => {
    const emulator = emulatorOf(harness);
    await app.getByRole('radio', { name: 'Encrypted on this computer' }).check();
    await app.getByRole('button', { name: 'Sign in with OpenRouter' }).click();
    await expect(onboarding(app).getByRole('alert')).toContainText('"basic_text" backend');
    expect(harness.signInUrls, 'no consent page for a key that cannot be kept').toHaveLength(0);
    expect(exchanges(emulator), 'no key minted on OpenRouter only to be thrown away').toHaveLength(0);
  });
});
