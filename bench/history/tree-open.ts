import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '../../common/conversation-types';
import { createRng } from '../../e2e/emulator/rng';
import {
  type ConversationFile,
  createHistoryStore,
  serializeConversationFile,
} from '../../main/services/history';
import { createMemoryLogger } from '../../main/services/log/testing/memory-logger';
import { ensurePrivateDir } from '../../main/services/private-files/private-files';

/**
 * How long the store takes to open a conversation that is a big tree (issue 18): 2,000 messages with 500
 * branch points (regenerated replies and edited questions), a unit-level timing, printed, not asserted.
 *
 *   npx tsx bench/history/tree-open.ts [--messages 2000 --branches 500 --runs 20]
 *
 * Per run: a fresh store over the file (nothing cached), then `allMessages` (read, validate, migrate,
 * repair check, visible path with sibling info) and `transcript`; then both again from the cache.
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function treeFile(messages: number, branches: number): { file: ConversationFile; out: Message[] } {
  const random = createRng(18);
  const out: Message[] = [];
  let leaf: string | null = null;
  const at = Date.UTC(2026, 0, 1);
  for (let i = 0; i < messages; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    // Every `step`-th message is a sibling of the one before it (a regenerate or an edit): `branches`
    // branch points, spread evenly.
    const step = Math.max(2, Math.floor(messages / branches));
    const sibling = i > 0 && (i + 2) % step === 0;
    const previous = out.at(-1);
    const parentId = sibling && previous ? (previous.parentId ?? null) : leaf;
    const id = `m${i}`;
    out.push({
      id,
      parentId,
      role: sibling && previous ? previous.role : role,
      content: `Message ${i}: ${'lorem ipsum dolor sit amet '.repeat(1 + Math.floor(random() * 40))}`,
      reasoning: '',
      createdAt: new Date(at + i * 1000).toISOString(),
      model: role === 'user' ? null : 'bench/model',
      status: 'complete',
      error: null,
      usage: null,
      finishReason: null,
      generationId: null,
    });
    leaf = id;
  }
  const file: ConversationFile = {
    formatVersion: 3,
    conversation: {
      id: 'bench-tree',
      title: 'A big tree',
      createdAt: new Date(at).toISOString(),
      updatedAt: new Date(at + messages * 1000).toISOString(),
      model: 'bench/model',
    },
    messages: out,
    activeLeafId: leaf,
  };
  return { file, out };
}

async function main() {
  const messages = arg('messages', 2000);
  const branches = arg('branches', 500);
  const runs = arg('runs', 20);
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-tree-bench-'));
  try {
    const { file, out } = treeFile(messages, branches);
    const points = new Set(
      out.filter((m, i, all) => all.findIndex((o) => o.parentId === m.parentId) !== i).map((m) => m.parentId),
    ).size;
    await ensurePrivateDir(join(dir, 'conversations'));
    await writeFile(join(dir, 'conversations', 'bench-tree.json'), serializeConversationFile(file));
    const cold: number[] = [];
    const warm: number[] = [];
    let shown = 0;
    for (let r = 0; r < runs; r++) {
      const store = createHistoryStore({ dir, log: createMemoryLogger('bench'), buildSearchIndex: false });
      await store.init();
      let t = performance.now();
      shown = (await store.allMessages('bench-tree')).length;
      await store.transcript('bench-tree');
      cold.push(performance.now() - t);
      t = performance.now();
      await store.allMessages('bench-tree');
      await store.transcript('bench-tree');
      warm.push(performance.now() - t);
      await store.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(1);
    console.info(
      `tree of ${messages} messages, ${points} branch points, ${shown} on the visible path: ` +
        `open (read + validate + path) median ${median(cold)} ms, from the cache median ${median(warm)} ms (${runs} runs)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
