import type { ActiveReplies } from '../updater-adapter';

/** Replies "streaming" that a test starts and ends by hand, as the chat sessions' running map would. */
export function createFakeReplies(): ActiveReplies & { start(): () => void } {
  const running = new Map<number, { promise: Promise<void>; end: () => void }>();
  let seq = 0;
  return {
    count: () => running.size,
    settle: async () => {
      await Promise.all([...running.values()].map((r) => r.promise));
    },
    start() {
      const id = ++seq;
      let end = () => {};
      const promise = new Promise<void>((resolve) => {
        end = () => {
          running.delete(id);
          resolve();
        };
      });
      running.set(id, { promise, end });
      return end;
    },
  };
}
