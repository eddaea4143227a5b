import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { KeyVault } from '../services/vault/key-vault';
import type { KeyIntake } from './key-intake';

/** The chat contract's calls about the key: its status, the four ways it gets in, and removing it. */
export type KeyChannel =
  | 'getKeyStatus'
  | 'verifyKey'
  | 'removeKey'
  | 'startSignIn'
  | 'cancelSignIn'
  | 'importKeyFromClipboard'
  | 'openKeyWindow'
  | 'getEnvKeyOffer'
  | 'acceptEnvKey'
  | 'dismissEnvKey'
  | 'reportKeyExposed';

/** The slices of the vault and of key intake the chat window may reach. */
export interface KeyHandlerDeps {
  vault: Pick<KeyVault, 'init' | 'verify' | 'remove'>;
  keyIntake: KeyIntake;
}

/**
 * The chat window's key handlers. None returns the key: each answers with a status, a masked preview
 * or what OpenRouter said about the key.
 */
export function createKeyHandlers(deps: KeyHandlerDeps): Pick<Handlers<ChatContract>, KeyChannel> {
  return {
    // Waits for the stored key to be read: at start-up the keystore may still be answering (macOS can
    // show a Keychain prompt), and "no key" must not be shown meanwhile — the window says it is
    // checking instead.
    getKeyStatus: () => deps.vault.init(),
    verifyKey: () => deps.vault.verify(),
    removeKey: () => deps.vault.remove(),

    startSignIn: (choice, ctx) =>
      deps.keyIntake.startSignIn(choice, (p) => ctx.emit('onSignInProgress', p), ctx.windowId),
    cancelSignIn: async () => ({ cancelled: deps.keyIntake.cancelSignIn() }),
    // The window must have seen a real click or key press just before (checked in main, not the page).
    importKeyFromClipboard: (choice, ctx) => deps.keyIntake.importFromClipboard(choice, ctx.windowId),
    openKeyWindow: async (_req, ctx) => ({ opened: await deps.keyIntake.openKeyWindow(ctx.windowId) }),
    getEnvKeyOffer: async () => deps.keyIntake.envOffer.pending(),
    acceptEnvKey: ({ persistence, allowWeakEncryption }) =>
      deps.keyIntake.envOffer.accept(persistence, allowWeakEncryption),
    dismissEnvKey: async () => {
      const had = deps.keyIntake.envOffer.pending() !== null;
      deps.keyIntake.envOffer.dismiss();
      return { dismissed: had };
    },
    reportKeyExposed: () => deps.keyIntake.reportExposed(),
  };
}
