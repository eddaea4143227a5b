import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { KeyChoice, SignInProgress } from '../../../common/key-intake-types';

export interface AddKeyActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    | 'startSignIn'
    | 'cancelSignIn'
    | 'onSignInProgress'
    | 'importKeyFromClipboard'
    | 'openKeyWindow'
    | 'getEnvKeyOffer'
    | 'acceptEnvKey'
    | 'dismissEnvKey'
  >;
}

/**
 * The ways a key gets in, all run by main so that none of them puts the key in this window: signing in
 * with OpenRouter, the clipboard, the separate key window, and a key found in the environment.
 * Main pushes the new key status itself (see key-actions' `listen`).
 */
export function createAddKeyActions(deps: AddKeyActionsDeps) {
  const { bridge } = deps;
  return {
    signIn: (choice: KeyChoice) => bridge.startSignIn(choice),
    cancelSignIn: () => bridge.cancelSignIn(),
    /** Follows a running sign-in (waiting for the browser, exchanging); returns the unsubscribe. */
    onSignInProgress: (listener: (progress: SignInProgress) => void) => bridge.onSignInProgress(listener),
    pasteFromClipboard: (choice: KeyChoice) => bridge.importKeyFromClipboard(choice),
    openKeyWindow: () => bridge.openKeyWindow(),
    envKeyOffer: () => bridge.getEnvKeyOffer(),
    acceptEnvKey: (choice: KeyChoice) => bridge.acceptEnvKey(choice),
    dismissEnvKey: () => bridge.dismissEnvKey(),
  };
}

export type AddKeyActions = ReturnType<typeof createAddKeyActions>;
