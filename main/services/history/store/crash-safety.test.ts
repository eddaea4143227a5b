import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../e2e/emulator/rng';
import type { CrashMode } from '../testing/crash-child';
import { intendedText } from '../testing/crash-text';
import { makeTempDir, openStore } from '../testing/test-support';
import { atomicWriteTarget, layoutFor } from './layout';
import { decodeConversationText } from './migrations';

/**
 * Crash safety, with real process deaths: a child process streams a reply into the history and is
 * killed with SIGKILL at a random moment, 100 times. After each kill every file must parse, nothing
 * may be quarantined, and the reply must be `interrupted` with a prefix of the intended text at least
 * as long as the last checkpoint the child saw completed (so at most one checkpoint interval is lost).
 * The runs take turns among three shapes of the tree (testing/crash-child.ts): the reply in the first
 * branch, a regenerated reply (a sibling in the second branch), and two sibling replies streaming at
 * once into one file (a compare); each streaming reply is checked on its own.
 *
 * Starting `tsx` takes about a second, too slow for 100 runs, so the child is bundled once with Vite
 * into a plain .mjs that Node starts in well under 100 ms. Two children run side by side (in separate
 * folders) to keep the whole test around half a minute on two cores.
 */
const ITERATIONS = 100;
const WORKERS = 2;
/**
 * Shorter than the app's 400 ms so that each run of under a second spans several checkpoints (and
 * kills often land on one being written). The property checked does not depend on the interval; the
 * interval itself is tested with a manual clock in reply-checkpoints.test.ts.
 */
const CHECKPOINT_INTERVAL_MS = 100;

let work: { dir: string; cleanup: () => Promise<void> };
let childScript: string;

beforeAll(async () => {
  work = await makeTempDir('switchboard-crash-');
  // The bundle lives inside the project so the child resolves its dependencies (write-file-atomic,
  // zod, …) from node_modules, unbundled, exactly as Electron's main bundle does.
  const bundleDir = join(import.meta.dirname, '../../../../node_modules/.cache/switchboard-crash-child');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(import.meta.dirname, '../testing/crash-child.ts'),
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'crash-child.mjs', format: 'es' } },
    },
    ssr: { target: 'node' },
  });
  childScript = join(bundleDir, 'crash-child.mjs');
}, 60_000);

afterAll(() => work.cleanup());

const MODES: readonly CrashMode[] = ['single', 'regenerate', 'siblings'];

interface Job {
  seed: number;
  mode: CrashMode;
  /** Kill this long after `ready`, or after spawning when `early` (during start-up and the first writes). */
  delayMs: number;
  early: boolean;
}

interface Observed {
  ready: { conversationId: string; messageIds: string[] } | null;
  readyMs: number;
  /** By reply: the length of its last checkpoint the child saw reach the disk. */
  lastPersisted: Map<string, number>;
  checkpoints: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runChild(dir: string, job: Job): Promise<Observed> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [childScript, dir, String(job.seed), String(CHECKPOINT_INTERVAL_MS), job.mode],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const started = performance.now();
    const seen: Observed = {
      ready: null,
      readyMs: 0,
      lastPersisted: new Map(),
      checkpoints: 0,
      signal: null,
      stderr: '',
    };
    let buffer = '';
    const kill = () => child.kill('SIGKILL');
    if (job.early) setTimeout(kill, job.delayMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const [kind, a, b] = buffer.slice(0, newline).split(' ');
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        if (kind === 'ready' && a && b) {
          seen.ready = { conversationId: a, messageIds: b.split(',') };
          seen.readyMs = performance.now() - started;
          if (!job.early) setTimeout(kill, job.delayMs);
        } else if (kind === 'persisted' && a) {
          seen.lastPersisted.set(a, Number(b));
          seen.checkpoints++;
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen.stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      seen.signal = signal;
      resolve(seen);
    });
  });
}

async function verify(dir: string, job: Job, seen: Observed): Promise<{ leftovers: number }> {
  const layout = layoutFor(dir);
  // Before the store gets a chance to repair or quarantine anything: every history file parses.
  let leftovers = 0;
  const names = await fs.readdir(layout.conversations).catch(() => [] as string[]);
  for (const name of names) {
    if (atomicWriteTarget(name)) {
      leftovers++;
      continue;
    }
    const text = await fs.readFile(join(layout.conversations, name), 'utf8');
    const decoded = decodeConversationText(text, name.replace(/\.json$/, ''));
    expect(decoded.kind, `seed ${job.seed}: ${name}`).toBe('ok');
  }
  const index = await fs.readFile(layout.index, 'utf8').catch(() => null);
  if (index !== null) expect(() => JSON.parse(index), `seed ${job.seed}: index.json`).not.toThrow();

  const { store, quarantined } = await openStore(dir, { buildSearchIndex: false });
  try {
    expect(quarantined, `seed ${job.seed}`).toEqual([]);
    if (seen.ready) {
      const { conversationId, messageIds } = seen.ready;
      // Every branch: the second sibling of a compare is not on the path shown.
      const { messages } = await store.tree(conversationId);
      messageIds.forEach((messageId, n) => {
        const what = `seed ${job.seed} (${job.mode}, reply ${n})`;
        const reply = messages.find((m) => m.id === messageId);
        expect(reply, `${what}: reply`).toBeDefined();
        expect(reply?.status).toBe('interrupted');
        const content = reply?.content ?? '';
        expect(content, `${what}: prefix`).toBe(intendedText(job.seed + n * 1000, content.length));
        expect(content.length, `${what}: lost a completed checkpoint`).toBeGreaterThanOrEqual(
          seen.lastPersisted.get(messageId) ?? 0,
        );
      });
      if (job.mode !== 'single') {
        // The reply regenerated (or the compare's first column) is the version shown.
        expect((await store.allMessages(conversationId)).at(-1)?.id, job.mode).toBe(messageIds[0]);
      }
    }
  } finally {
    await store.close();
  }
  return { leftovers };
}

describe('crash safety', () => {
  it(`loses at most one checkpoint interval over ${ITERATIONS} SIGKILLs at random moments`, async () => {
    // Deterministic, so a failing run can be replayed.
    const random = createRng(20_250_611);
    const jobs: Job[] = Array.from({ length: ITERATIONS }, (_, i) => {
      const early = random() < 0.15;
      return {
        seed: i + 1,
        mode: MODES[i % MODES.length] ?? 'single',
        early,
        delayMs: Math.floor(random() * (early ? 150 : 700)),
      };
    });
    const stats = { killedAfterReady: 0, checkpoints: 0, leftovers: 0, readyMs: 0, verifyMs: 0 };
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const dir = join(work.dir, `history-${w}`);
        for (const job of jobs.filter((_, i) => i % WORKERS === w)) {
          const seen = await runChild(dir, job);
          expect(seen.signal, `seed ${job.seed}: child died on its own: ${seen.stderr}`).toBe('SIGKILL');
          const verifyStart = performance.now();
          const { leftovers } = await verify(dir, job, seen);
          stats.verifyMs += (performance.now() - verifyStart) / ITERATIONS;
          stats.readyMs += seen.readyMs / ITERATIONS;
          if (seen.ready) stats.killedAfterReady++;
          stats.checkpoints += seen.checkpoints;
          stats.leftovers += leftovers;
        }
      }),
    );
    // The run must actually have exercised streaming, not just start-up.
    expect(stats.killedAfterReady).toBeGreaterThan(ITERATIONS / 2);
    expect(stats.checkpoints).toBeGreaterThan(ITERATIONS);
    console.info(
      `crash safety (averages in ms): ${JSON.stringify(stats, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
    );
  }, 180_000);
});
