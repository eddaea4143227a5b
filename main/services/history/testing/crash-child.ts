/**
 * Child process for crash-safety.test.ts: streams a reply into the history and reports every
 * checkpoint that reached the disk, until the parent kills it with SIGKILL.
 *
 * stdout protocol, one line each: `ready <conversationId> <messageId>`, then `persisted <length>`
 * after each checkpoint write has completed. (stdout to a pipe is synchronous on Linux and macOS, so a
 * line printed is a line the parent gets, even if the process dies right after.)
 *
 * Usage: node crash-child.mjs <dir> <seed> <checkpointIntervalMs>
 */
import { createLogger } from '../../log/logger';
import { createHistoryStore } from '../history-store';
import { intendedDelta } from './crash-text';

async function main() {
  const [dir, seedArg, intervalArg] = process.argv.slice(2);
  if (!dir || !seedArg || !intervalArg)
    throw new Error('usage: crash-child <dir> <seed> <checkpointIntervalMs>');
  const seed = Number(seedArg);
  const store = createHistoryStore({
    dir,
    checkpointIntervalMs: Number(intervalArg),
    log: createLogger('crash-child', () => undefined),
    buildSearchIndex: false,
    onReplyPersisted: (e) => {
      if (!e.final) process.stdout.write(`persisted ${e.contentLength}\n`);
    },
  });
  await store.init();
  const conversation = await store.create({ model: 'test/model' });
  // A large earlier message makes every checkpoint a big write, so kills often land mid-write.
  await store.appendUserMessage(conversation.id, `Tell me everything.\n${'context '.repeat(12_000)}`);
  const reply = await store.beginReply(conversation.id, { model: 'test/model' });
  process.stdout.write(`ready ${conversation.id} ${reply.id}\n`);
  let content = '';
  for (let i = 0; ; i++) {
    content += intendedDelta(seed, i);
    store.checkpointReply(conversation.id, reply.id, { content, reasoning: '' });
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
