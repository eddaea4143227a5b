/**
 * Spending benchmark: `npm run bench:spending [-- --entries 100000 --runs 5]`
 *
 * Writes one year of heavy use (100,000 ledger entries) to a temporary ledger, then times what opening
 * the Spending view costs: loading the ledger and aggregating the 30- and 90-day views (per day, per
 * model, today, this month). Loading is timed twice: a full replay (read, parse, validate every line;
 * no snapshot) and a cold open from the snapshot (snapshot.json read and validated, then only the
 * ledger's tail: here the last 1,000 lines appended after the snapshot was taken), followed by what the
 * app asks first: the 30-day summary, the limit check's today/month totals and a conversation's total.
 * The baseline, measured in the same run, is the least any reader of ledger.jsonl pays: reading it and
 * `JSON.parse` of every line, nothing checked. Each figure is the first run and the median of `--runs`
 * (fresh store each time, same process). Target: under 200 ms to open the view. Always exits 0.
 */

import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spentInPeriods } from '../../main/services/ledger/aggregate';
import { createCalendar } from '../../main/services/ledger/calendar';
import { mergeLedger, readLedgerCopy } from '../../main/services/ledger/ledger-merge';
import { createLedgerStore } from '../../main/services/ledger/ledger-store';
import { createSpending } from '../../main/services/ledger/spending';
import type { Logger } from '../../main/services/log/logger';
import { appendEntries, generateLedger } from './generate';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const entries = option('entries', 100_000);
  const runs = option('runs', 5);
  const dir = await fs.mkdtemp(join(tmpdir(), 'sb-bench-spending-'));
  const now = Date.parse('2026-12-06T12:00:00Z');
  try {
    const generated = await time(() => generateLedger({ dir, entries, now, seed: 16 }));
    console.log(
      `ledger: ${entries.toLocaleString('en')} replies, ${generated.value.lines.toLocaleString('en')} lines, ` +
        `${(generated.value.bytes / 1e6).toFixed(1)} MB (written in ${fmt(generated.ms)})`,
    );
    const calendar = createCalendar('Europe/Paris');
    // The snapshot as the app leaves it: taken once the ledger is loaded, then 1,000 more replies appended.
    const first = createLedgerStore({ dir, log: silent, snapshotDelayMs: null });
    await first.init();
    const snapshotWrite = await time(() => first.checkpoint());
    const tailLines = await appendEntries({ dir, entries: 1_000, now, seed: 17 });
    const snapshotBytes = (await fs.stat(join(dir, 'snapshot.json'))).size;
    console.log(
      `snapshot: ${(snapshotBytes / 1e6).toFixed(1)} MB (written off the start-up path in ${fmt(snapshotWrite.ms)}), ` +
        `then ${tailLines.toLocaleString('en')} lines appended (the tail a start reads)`,
    );
    const total = entries + 1_000;
    const rows: Record<string, number[]> = {
      'baseline: read + JSON.parse every line': [],
      'cold open with snapshot (load + 30 days + limits + conversation)': [],
      'load from snapshot + tail': [],
      'load, full replay (read, parse, validate)': [],
      'aggregate 30 days': [],
      'aggregate 90 days': [],
      'open the Spending view, full replay (load + 30 days)': [],
      'switch to 90 days (aggregate, loaded)': [],
    };
    for (let run = 0; run < runs; run++) {
      const baseline = await time(async () => {
        const text = await fs.readFile(join(dir, 'ledger.jsonl'), 'utf8');
        let n = 0;
        for (const line of text.split('\n')) if (line) n += JSON.parse(line) ? 1 : 0;
        return n;
      });
      // Cold open from the snapshot: everything the app shows first, from a store that has read nothing.
      const cold = createLedgerStore({ dir, log: silent, snapshotDelayMs: null });
      const coldSpending = createSpending({ ledger: cold, calendar, now: () => now });
      const coldLoad = await time(() => cold.init());
      const coldOpen = await time(async () => {
        const summary = await coldSpending.summary(30);
        const periods = spentInPeriods(cold.all(), now, calendar);
        const conversation = await coldSpending.conversation('bench000042');
        return { summary, periods, conversation };
      });
      if (cold.size !== total) throw new Error('the snapshot and tail did not load whole');
      // Full replay: the same ledger without its snapshot (moved aside, then put back for the next run).
      await fs.rename(join(dir, 'snapshot.json'), join(dir, 'snapshot.aside'));
      const ledger = createLedgerStore({ dir, log: silent, snapshotDelayMs: null });
      const load = await time(() => ledger.init());
      const spending = createSpending({ ledger, calendar, now: () => now });
      const thirty = await time(() => spending.summary(30));
      const ninety = await time(() => spending.summary(90));
      await fs.rename(join(dir, 'snapshot.aside'), join(dir, 'snapshot.json'));
      if (ledger.size !== total || ledger.damaged !== 0) throw new Error('the ledger did not load whole');
      const replayed = await spending.summary(30);
      if (JSON.stringify(replayed) !== JSON.stringify(coldOpen.value.summary))
        throw new Error('the snapshot and the full replay disagree');
      rows['baseline: read + JSON.parse every line']?.push(baseline.ms);
      rows['cold open with snapshot (load + 30 days + limits + conversation)']?.push(
        coldLoad.ms + coldOpen.ms,
      );
      rows['load from snapshot + tail']?.push(coldLoad.ms);
      rows['load, full replay (read, parse, validate)']?.push(load.ms);
      rows['aggregate 30 days']?.push(thirty.ms);
      rows['aggregate 90 days']?.push(ninety.ms);
      rows['open the Spending view, full replay (load + 30 days)']?.push(load.ms + thirty.ms);
      rows['switch to 90 days (aggregate, loaded)']?.push(ninety.ms);
      if (run === 0)
        console.log(
          `90-day total $${ninety.value.rangeTotalUsd.toFixed(2)} over ${ninety.value.days.length} days, ` +
            `${ninety.value.byModel.length} models`,
        );
    }
    // "Restore…" on a fresh data folder (issue 20): the whole ledger merged in one batch (one append,
    // one fsync), against recording entries one by one (an append and an fsync each), here 1,000 of them.
    const copy = await readLedgerCopy(await fs.readFile(join(dir, 'ledger.jsonl'), 'utf8'));
    const freshDir = await fs.mkdtemp(join(tmpdir(), 'sb-bench-merge-'));
    try {
      const fresh = createLedgerStore({ dir: join(freshDir, 'batch'), log: silent, snapshotDelayMs: null });
      await fresh.init();
      const merged = await time(() => mergeLedger(fresh, copy));
      const single = createLedgerStore({ dir: join(freshDir, 'single'), log: silent, snapshotDelayMs: null });
      await single.init();
      const some = copy.entries.slice(0, 1_000);
      const oneByOne = await time(async () => {
        for (const entry of some) await single.record(entry);
      });
      await fresh.settle();
      await single.settle();
      console.log(
        `merge a backup's ledger into a fresh one: ${merged.value.added.toLocaleString('en')} entries in ${fmt(merged.ms)} ` +
          `(one by one: ${(oneByOne.ms / some.length).toFixed(2)} ms an entry, ` +
          `~${(((oneByOne.ms / some.length) * merged.value.added) / 1000).toFixed(0)} s for as many)`,
      );
    } finally {
      await fs.rm(freshDir, { recursive: true, force: true });
    }
    console.log('');
    console.log(`${'measure'.padEnd(66)}${'first'.padStart(12)}${`median of ${runs}`.padStart(16)}`);
    for (const [name, xs] of Object.entries(rows))
      console.log(`${name.padEnd(66)}${fmt(xs[0] as number).padStart(12)}${fmt(median(xs)).padStart(16)}`);
    const verdict = (name: string) => {
      const xs = rows[name] as number[];
      const worst = Math.max(xs[0] as number, median(xs));
      return `${name}: first ${fmt(xs[0] as number)}, median ${fmt(median(xs))} — ${worst < 200 ? 'under' : 'OVER'} 200 ms`;
    };
    console.log('');
    console.log(
      `target, cold open (start → Spending view):     ${verdict('cold open with snapshot (load + 30 days + limits + conversation)')}`,
    );
    console.log(
      `without a snapshot (first start after an upgrade, or a rebuild): ${verdict('open the Spending view, full replay (load + 30 days)')}`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main();
