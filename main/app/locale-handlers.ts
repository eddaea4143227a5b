import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { LocaleService } from '../services/i18n/locale-service';

export interface LocaleHandlerDeps {
  locale: Pick<LocaleService, 'state'>;
}

/** Issue 20: the locale a window shows its text in. Changes are pushed as `onLocaleChanged`. */
export function createLocaleHandlers(deps: LocaleHandlerDeps): Pick<Handlers<ChatContract>, 'getLocale'> {
  return { getLocale: async () => deps.locale.state() };
}
