import { AppFailure } from '../../common/errors';
import type { KeyChoice, SignInProgress } from '../../common/key-intake-types';
import type { KeyInfo, KeyStatus } from '../../common/key-status';
import type { MainText } from '../services/i18n/catalog-intl';
import {
  authUrlFor,
  type ClipboardAdapter,
  createEnvKeyOffer,
  createSignInFlow,
  createTypedKeyHandler,
  exchangeAuthCode,
  importFromClipboard,
  type SignInFlow,
} from '../services/key-intake';
import { createReplaceKeyCheck } from '../services/key-intake/replace-key';
import type { Logger } from '../services/log/logger';
import type { KeyVault } from '../services/vault/key-vault';
import type { AskPerson } from './questions';

/** OpenRouter's page where a person revokes a key and creates a new one. */
export const KEY_SETTINGS_URL = 'https://openrouter.ai/settings/keys';

export interface KeyIntakeAdapters {
  openRouterBaseUrl: string;
  vault: KeyVault;
  /** GET /key with a key that is not stored (yet): the new key's label before it may replace one. */
  verifyCandidate: (key: string) => Promise<KeyInfo>;
  /** Main-process questions (a dialog in the app; configurable answers in the harness). */
  ask: AskPerson;
  clipboard: ClipboardAdapter;
  /**
   * True once per real click or key press in that window within the last few seconds (the glue feeds
   * it from Electron's `input-event`; see services/key-intake/user-activation.ts). Consumed by asking.
   * Absent: no request has one, so "Paste from clipboard" is refused (the safe default).
   */
  consumeUserActivation?: (windowId: number) => boolean;
  /**
   * Opens the sign-in's one-time loopback launch URL in the system browser (no confirmation: we built
   * it). It redirects once to OpenRouter's consent page; the URL itself carries none of the sign-in.
   */
  openSignInPage: (url: string) => Promise<void>;
  /** Opens our fixed key-settings page in the system browser. */
  openKeySettingsPage: () => Promise<void>;
  /** Opens the key-entry window, modal to the given chat window. */
  openKeyWindow: (parentWindowId: number) => Promise<boolean>;
  /** Closes a key-entry window (after success or cancel). */
  closeKeyWindow: (windowId: number) => void;
  env: Record<string, string | undefined>;
  log: (scope: string) => Logger;
  /** The language of the sign-in pages shown in the browser (issue 20); default English. */
  text?: MainText;
}

/**
 * Every way a key gets into Switchboard, composed over the vault. None returns the key; each stores
 * it through the vault (which verifies it first) and reports status only.
 */
export function createKeyIntake(adapters: KeyIntakeAdapters) {
  const log = adapters.log('key-intake');
  const { vault } = adapters;
  // Read before any window or child process exists; the offer removes the variable from env.
  const envOffer = createEnvKeyOffer({ env: adapters.env, storeKey: (input) => vault.store(input), log });
  const typed = createTypedKeyHandler({ storeKey: (input) => vault.store(input), log });
  let signIn: SignInFlow | null = null;

  return {
    /** `windowId`: the chat window that asked; the replace-key question is parented to it. */
    async startSignIn(
      choice: KeyChoice,
      onProgress: (p: SignInProgress) => void,
      windowId: number,
    ): Promise<SignInProgress> {
      if (signIn?.isRunning()) {
        // Let the flow itself produce its "already in progress" error.
        return signIn.start();
      }
      // Refuse a persistence choice that cannot be honoured before the browser opens: otherwise
      // OpenRouter would mint a key for the account that is then thrown away.
      try {
        await vault.assertCanStore(choice);
      } catch (error) {
        if (error instanceof AppFailure) return { phase: 'failed', error: error.error };
        throw error;
      }
      const flow = createSignInFlow({
        authUrl: authUrlFor(adapters.openRouterBaseUrl),
        exchangeCode: (input) => exchangeAuthCode({ baseUrl: adapters.openRouterBaseUrl, log }, input),
        openExternal: adapters.openSignInPage,
        storeKey: (key) => vault.store({ key, source: 'oauth', ...choice }),
        // A key already kept is replaced only after the person sees both keys' labels and says yes.
        confirmReplace: createReplaceKeyCheck({
          vault,
          verifyCandidate: adapters.verifyCandidate,
          ask: (question) => adapters.ask(question, windowId),
          log,
        }),
        log,
        ...(adapters.text ? { text: adapters.text } : {}),
      });
      signIn = flow;
      const off = flow.onProgress(onProgress);
      try {
        return await flow.start();
      } finally {
        off();
      }
    },
    cancelSignIn(): boolean {
      if (!signIn?.isRunning()) return false;
      signIn.cancel();
      return true;
    },
    /** `windowId`: the chat window that asked; it must have seen a real click or key press just before. */
    importFromClipboard: (choice: KeyChoice, windowId: number) =>
      importFromClipboard({
        clipboard: adapters.clipboard,
        consumeUserActivation: () => adapters.consumeUserActivation?.(windowId) ?? false,
        storeKey: (key) => vault.store({ key, source: 'clipboard', ...choice }),
        log,
      }),
    envOffer,
    typed,
    openKeyWindow: adapters.openKeyWindow,
    closeKeyWindow: adapters.closeKeyWindow,
    /** "Key exposed?": forget it everywhere here, then send the person to revoke it. */
    async reportExposed(): Promise<KeyStatus> {
      const status = await vault.remove();
      await adapters.openKeySettingsPage();
      return status;
    },
    shutdown(): void {
      signIn?.cancel();
    },
  };
}

export type KeyIntake = ReturnType<typeof createKeyIntake>;
