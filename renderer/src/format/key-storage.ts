import type { KeySource } from '../../../common/key-status';

/** The OS encryption backend in plain words, so the person knows where their key would be kept. */
export function describeBackend(backend: string): string {
  if (backend === 'keychain') return 'the macOS Keychain';
  if (backend === 'dpapi') return 'Windows DPAPI, tied to your Windows account';
  if (backend === 'gnome_libsecret') return 'your desktop keyring (GNOME Keyring / Secret Service)';
  if (backend.startsWith('kwallet')) return 'your desktop keyring (KWallet)';
  if (backend === 'basic_text') {
    return 'no keyring: the key can only be kept for this session unless you accept weak protection';
  }
  return `your system's secure storage (${backend})`;
}

/** How the key got here, as the person did it. */
export function describeKeySource(source: KeySource): string {
  switch (source) {
    case 'typed':
      return 'Typed in';
    case 'clipboard':
      return 'Pasted from the clipboard';
    case 'oauth':
      return 'Signed in with OpenRouter';
    case 'env':
      return 'From an environment variable';
  }
}
