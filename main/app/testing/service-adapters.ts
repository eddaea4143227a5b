import { createMemoryLogger } from '../../services/log/testing/memory-logger';
import { createMemoryCiphertextStore } from '../../services/vault/testing/memory-ciphertext-store';
import { createTestCipher } from '../../services/vault/testing/test-cipher';
import type { ServiceAdapters } from '../compose-services';

/**
 * Adapters for composing the real services in a unit test: a test cipher, an in-memory vault record,
 * quiet logs, and every person-facing adapter answering "no" / nothing. Override what a test is about.
 */
export function testServiceAdapters(
  overrides: Partial<ServiceAdapters> & Pick<ServiceAdapters, 'dataDir'>,
): ServiceAdapters {
  return {
    appInfo: { name: 'Switchboard (test)', version: '0.0.0-test', platform: 'linux' },
    openRouterBaseUrl: 'https://openrouter.ai/api/v1',
    cipher: createTestCipher(),
    ciphertextStore: createMemoryCiphertextStore(),
    log: (scope) => createMemoryLogger(scope),
    openExternal: async () => false,
    ask: async () => false,
    platform: 'linux',
    dialogs: {
      chooseExportFile: async () => null,
      chooseImportFile: async () => null,
      chooseAttachFiles: async () => null,
      chooseAttachmentFile: async () => null,
      chooseImageFile: async () => null,
      chooseCsvFile: async () => null,
    },
    keyIntake: {
      clipboard: { readText: () => '', clear: () => undefined },
      openSignInPage: async () => undefined,
      openKeySettingsPage: async () => undefined,
      openKeyWindow: async () => false,
      closeKeyWindow: () => undefined,
      env: {},
    },
    ...overrides,
  };
}
