/**
 * Child process for crash-safety.test.ts: streams replies into the history and reports every
 * checkpoint that reached the disk, until the parent kills it with SIGKILL.
 *
 * Modes (issue 18: a conversation is a tree):
 * - `single`: one reply, the conversation's first branch;
 * - `regenerate`: a first reply is finished, then a regenerated one (its sibling, the second branch)
 *   streams;
 * - `siblings`: a first reply is finished, then two sibling replies stream at once into the same file
 *   (as a compare does), the second not the shown one.
 *
 * stdout protocol, one line each: `ready <conversationId> <messageId>[,<messageId>]`, then
 * `persisted <messageId> <length>` after each checkpoint write of that reply has completed. (stdout to
 * a pipe is synchronous on Linux and macOS, so a line printed is a line the parent gets, even if the
 * process dies right after.) The n-th streaming reply (from 0) streams `intendedDelta(seed + n * 1000, i)`.
 *
 * Usage: node crash-child.mjs <dir> <seed> <checkpointIntervalMs> [single|regenerate|siblings]
 */
import { createLogger } from '../../log/logger';
import { createHistoryStore } from '../history-store';
import { intendedDelta } from './crash-text';

export type CrashMode = 'single' | 'regenerate' | 'siblings';

async function main() {
  const [dir, seedArg, intervalArg, modeArg = 'single'] = process.argv.slice(2);
  if (!dir || !seedArg || !intervalArg)
    throw new Error('usage: crash-child <dir> <seed> <checkpointIntervalMs> [mode]');
  const seed = Number(seedArg);
  const mode = modeArg as CrashMode;
  const store = createHistoryStore({
    dir,
    checkpointIntervalMs: Number(intervalArg),
    log: createLogger('crash-child', () => undefined),
    buildSearchIndex: false,
    onReplyPersisted: (e) => {
      if (!e.final) process.stdout.write(`persisted ${e.messageId} ${e.contentLength}\n`);
    },
  });
  await store.init();
  const conversation = await store.create({ model: 'test/model' });
  // A large earlier message makes every checkpoint a big write, so kills often land mid-write.
  const question = await store.appendUserMessage(
    conversation.id,
    `Tell me everything.\n${'context '.repeat(12_000)}`,
  );
  if (mode !== 'single') {
    const first = await store.beginReply(conversation.id, { model: 'test/model' });
    await store.finishReply(conversation.id, first.id, { status: 'complete', content: 'The first version.' });
  }
  const streaming = [
    await store.beginReply(conversation.id, {
      model: 'test/model',
      ...(mode === 'single' ? {} : { parentId: question.id }),
    }),
  ];
  if (mode === 'siblings') {
    streaming.push(
      await store.beginReply(conversation.id, {
        model: 'other/model',
        parentId: question.id,
        activate: false,
      }),
    );
  }
  process.stdout.write(`ready ${conversation.id} ${streaming.map((r) => r.id).join(',')}\n`);
  const contents = streaming.map(() => '');
  for (let i = 0; ; i++) {
    streaming.forEach((reply, n) => {
      contents[n] += intendedDelta(seed + n * 1000, i);
      store.checkpointReply(conversation.id, reply.id, { content: contents[n] ?? '', reasoning: '' });
    });
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
