import type { ChatEventBatch } from '../../../common/ipc/contract';
import type { Emulator } from '../../../e2e/emulator/server';
import { composeServices, type ServiceAdapters } from '../compose-services';
import { testServiceAdapters } from './service-adapters';

/**
 * The composed services against the emulator, for the session tests in main/app: started, the
 * emulator's key stored for this session, and a window context whose chat batches are collected.
 * `adapters` overrides the test adapters (dialogs, for instance).
 */
export async function openEmulatorSession(
  emulator: Emulator,
  adapters: Partial<ServiceAdapters> & Pick<ServiceAdapters, 'dataDir'>,
) {
  const services = composeServices(testServiceAdapters({ openRouterBaseUrl: emulator.baseUrl, ...adapters }));
  await services.init();
  await services.vault.store({ key: emulator.defaultKey, source: 'typed', persistence: 'session' });
  const batches: ChatEventBatch[] = [];
  const ctx = {
    windowId: 1,
    emit: (channel: string, payload: unknown) => {
      if (channel === 'onChatEvents') batches.push(payload as ChatEventBatch);
    },
  } as Parameters<typeof services.handlers.sendMessage>[1];
  return { services, ctx, batches };
}
