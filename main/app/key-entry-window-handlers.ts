import type { KeyEntryContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { LocaleService } from '../services/i18n/locale-service';
import type { KeyVault } from '../services/vault/key-vault';
import type { SecretCipher } from '../services/vault/secret-cipher';
import type { KeyIntake } from './key-intake';

export interface KeyEntryWindowHandlerDeps {
  vault: Pick<KeyVault, 'status'>;
  keyIntake: Pick<KeyIntake, 'typed' | 'closeKeyWindow'>;
  encryptionAvailable: SecretCipher['isAvailable'];
  locale: Pick<LocaleService, 'state'>;
}

/** Handlers of the key-entry window (its own contract): submit the typed key, or cancel. */
export function createKeyEntryHandlers(deps: KeyEntryWindowHandlerDeps): Handlers<KeyEntryContract> {
  return {
    getKeyEntryContext: async () => {
      const status = deps.vault.status();
      return {
        backend: status.backend,
        persistenceIsWeak: status.backend === 'basic_text',
        encryptionAvailable: await deps.encryptionAvailable(),
      };
    },
    submit: async (input, ctx) => {
      const result = await deps.keyIntake.typed.submit(input);
      if (result.ok) deps.keyIntake.closeKeyWindow(ctx.windowId);
      return result;
    },
    cancel: async (_req, ctx) => {
      deps.keyIntake.closeKeyWindow(ctx.windowId);
      return { closed: true };
    },
    getLocale: async () => deps.locale.state(),
  };
}
