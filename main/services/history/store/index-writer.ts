import { describeError } from '../../../../common/redact';
import type { Scheduler } from '../../shared/scheduler';
import { writeFileDurably } from './files';
import { serializeIndex } from './index-file';
import type { StoreCore } from './store-core';

/** A key no conversation id can take (ids are [A-Za-z0-9_-]), so index writes get their own queue. */
const INDEX_QUEUE = '#index';

/**
 * Writes index.json, coalesced: a busy minute changes summaries many times and the file is only a
 * cache. Changes are written `delayMs` after the first one, and at once by `flush()`.
 */
export function createIndexWriter(deps: { core: StoreCore; scheduler: Scheduler; delayMs: number }) {
  const { core, scheduler } = deps;
  let dirty = false;
  let enabled = false;
  let cancelTimer: (() => void) | null = null;

  const write = () =>
    core.queue.run(INDEX_QUEUE, async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await writeFileDurably(
          core.layout.index,
          serializeIndex(core.entries.values(), core.now()),
          'saveConversationList',
        );
      } catch (error) {
        dirty = true;
        throw error;
      }
    });

  const schedule = () => {
    cancelTimer ??= scheduler.schedule(() => {
      cancelTimer = null;
      write().catch((error: unknown) => {
        core.log.warn('could not write index.json; will retry', { error: describeError(error) });
        schedule();
      });
    }, deps.delayMs);
  };

  return {
    markDirty(): void {
      dirty = true;
      if (enabled) schedule();
    },
    /** Starts timed writes (not while the store is still loading). */
    start(): void {
      enabled = true;
      if (dirty) schedule();
    },
    async flush(): Promise<void> {
      cancelTimer?.();
      cancelTimer = null;
      await write();
    },
    stop(): void {
      enabled = false;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
