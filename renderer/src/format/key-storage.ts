import type { IntlShape } from 'react-intl';
import type { KeySource } from '../../../common/key-status';
import { englishIntl } from './format-intl';

/**
 * The OS encryption backend in plain words, so the person knows where their key would be kept (in
 * `intl`'s language; English when not given). Every KWallet version reads the same.
 */
export function describeBackend(backend: string, intl: IntlShape = englishIntl()): string {
  return intl.formatMessage({ id: 'format.key.backend' }, backendMessageValues(backend));
}

/** The values of `format.key.backend` for an OS encryption backend name (every KWallet version alike). */
export function backendMessageValues(backend: string): { backend: string; name: string } {
  return { backend: backend.startsWith('kwallet') ? 'kwallet' : backend, name: backend };
}

/** How the key got here, as the person did it. */
export function describeKeySource(source: KeySource, intl: IntlShape = englishIntl()): string {
  return intl.formatMessage({ id: 'format.key.source' }, { source });
}
