import type { z } from 'zod';
import type { ExportFormatSchema } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';

export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export interface HistoryActionsDeps {
  bridge: Pick<SwitchboardBridge, 'searchHistory' | 'exportHistory' | 'importHistory'>;
}

/** Searching all conversations (main keeps the index) and moving them in and out as files. */
export function createHistoryActions(deps: HistoryActionsDeps) {
  const { bridge } = deps;
  return {
    search: (query: string, limit: number) => bridge.searchHistory({ query, limit }),
    /** Exports one conversation, or all of them without `conversationId`; main shows the save dialog. */
    export: (format: ExportFormat, conversationId?: string) =>
      bridge.exportHistory(conversationId === undefined ? { format } : { conversationId, format }),
    /** Imports a Switchboard JSON export; main shows the open dialog. */
    import: () => bridge.importHistory(),
  };
}

export type HistoryActions = ReturnType<typeof createHistoryActions>;
