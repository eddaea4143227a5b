/**
 * Key intake, every way a key gets in, without the chat renderer: what the Electron glue and the
 * browser harness wire up.
 */
export { authUrlFor } from './auth-url';
export {
  type ClipboardAdapter,
  type ClipboardImportDeps,
  type ClipboardImportResult,
  importFromClipboard,
} from './clipboard-import';
export { createEnvKeyOffer, ENV_KEY_VARIABLE, type EnvKeyOffer, type EnvKeyOfferDeps } from './env-key-offer';
export {
  type ExchangeAuthCodeOptions,
  type ExchangeCode,
  type ExchangeInput,
  exchangeAuthCode,
} from './exchange-code';
export {
  createSignInFlow,
  type SignInDeps,
  type SignInFlow,
  type SignInListener,
  type SignInProgress,
  type SignInResult,
} from './sign-in';
export {
  createTypedKeyHandler,
  type TypedKeyDeps,
  type TypedKeyHandler,
  type TypedKeyResult,
  type TypedKeySubmission,
  TypedKeySubmissionSchema,
} from './typed-key';
