// BENCH_PROFILE=1: where a renderer's main-thread CPU goes. Two views of the same run:
// - trace self time by event name (style recalc, layout, paint, GC, script…) from a Chrome trace
//   recorded with the disabled-by-default-devtools.timeline categories;
// - JS self time by function from the V8 sampling profiler (the page is built unminified in this mode).
import type { CDPSession } from 'playwright-core';
import { BlockSplitter } from '../../renderer/src/markdown/block-splitter';
import { tailShape } from '../../renderer/src/markdown/tail-shape';
import { tailRender } from '../../renderer/src/markdown/tail-text';
import type { UpdateSample } from './protocol';
import type { TraceEvent } from './trace';

export const PROFILE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
  'blink.user_timing',
].join(',');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export async function startJsProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

export async function stopJsProfile(cdp: CDPSession): Promise<CpuProfile> {
  const { profile } = await cdp.send('Profiler.stop');
  return profile as CpuProfile;
}

/** Self time (ms) by function name from a sampling profile, largest first. */
export function jsSelfTimes(profile: CpuProfile): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (const [index, id] of samples.entries()) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    totals.set(key, (totals.get(key) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/**
 * Inclusive time (ms) of the named functions (a sample counts once per name on its stack): how much
 * of the JS went to parsing (react-markdown's Markdown → unified), React's render and commit phases,
 * and forced style/layout (getBoundingClientRect, or reading scrollHeight to follow the reply).
 */
export function jsInclusiveTimes(profile: CpuProfile, names: readonly string[]): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>(names.map((name) => [name, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let busy = 0;
  for (const [index, id] of samples.entries()) {
    const ms = (deltas[index + 1] ?? 0) / 1000;
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf !== '(idle)' && leaf !== '(program)') busy += ms;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName ?? '';
      if (totals.has(name) && !seen.has(name)) {
        seen.add(name);
        totals.set(name, (totals.get(name) ?? 0) + ms);
      }
    }
  }
  return [['(all sampled JS and forced layout)', busy], ...totals.entries()];
}

/**
 * Thread-CPU self time (ms) by trace event name on the page's main thread: each complete event's
 * thread time minus that of the events nested in it.
 */
export function traceSelfTimes(events: readonly TraceEvent[], marker: string): [string, number][] {
  const stamp = events.find((event) => event.name === 'TimeStamp' && event.args?.data?.message === marker);
  if (stamp === undefined) return [];
  const main = events
    .filter(
      (event) =>
        event.pid === stamp.pid &&
        event.tid === stamp.tid &&
        event.ph === 'X' &&
        event.tdur !== undefined &&
        event.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
      const done = stack.pop();
      if (done) totals.set(done.name, (totals.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  for (const event of main) {
    close(event.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= event.tdur ?? 0;
    stack.push({ end: event.ts + (event.dur ?? 0), name: event.name, self: event.tdur ?? 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

export function printTop(title: string, entries: readonly [string, number][], count = 25): void {
  const sum = entries.reduce((total, [, value]) => total + value, 0);
  console.log(`\n${title} (total ${sum.toFixed(0)} ms)`);
  for (const [name, value] of entries.slice(0, count)) {
    console.log(
      `  ${value.toFixed(0).padStart(7)} ms  ${((value / sum) * 100).toFixed(1).padStart(5)}%  ${name}`,
    );
  }
}

/** Issue 19's p95 target for one frame's work: frames over it are counted per kind of tail. */
const P95_TARGET_MS = 4;

/** What the streaming tail is after an update (recomputed here with the renderer's own splitter). */
function tailKind(text: string): string {
  const shape = tailShape(text);
  if (shape !== null) return `${shape.kind} (split)`;
  const first = text.trimStart();
  if (/^(?:`{3,}|~{3,})/.test(first)) return 'fence (parsed)';
  if (/^\|/.test(first)) return 'table';
  if (/^(?:[-*+]|\d+[.)])[ \t]/.test(first)) return 'list (parsed)';
  if (/^\$\$/.test(first)) return 'math';
  if (/^>/.test(first)) return 'quote';
  if (/^#/.test(first)) return 'heading';
  return text === '' ? 'empty' : 'paragraph';
}

/**
 * Frame-callback CPU by the kind of tail the frame rendered, with the tail's mean length: which
 * tails cost what (the splitter runs again here on the same updates, so the split is the page's).
 */
export function workByTailKind(
  tokens: readonly string[],
  samples: readonly UpdateSample[],
  work: readonly number[],
): [string, number][] {
  const splitter = new BlockSplitter();
  const totals = new Map<string, { ms: number; frames: number; chars: number; over: number }>();
  let text = '';
  for (const [index, sample] of samples.entries()) {
    text += tokens.slice(sample.first, sample.first + sample.count).join('');
    const before = splitter.settled.length;
    const snapshot = splitter.update(text);
    const tail = snapshot.wholeDocument ? text : tailRender(snapshot, true).text;
    // A frame that settled a block renders it whole (and the new tail): counted apart, by the block.
    const settled = splitter.settled.at(-1);
    const kind = snapshot.wholeDocument
      ? 'whole document'
      : snapshot.blockCount > before && settled !== undefined
        ? `settling a ${tailKind(settled.text)}`
        : tailKind(tail);
    const entry = totals.get(kind) ?? { ms: 0, frames: 0, chars: 0, over: 0 };
    entry.ms += work[index] ?? 0;
    if ((work[index] ?? 0) > P95_TARGET_MS) entry.over += 1;
    entry.frames += 1;
    entry.chars += tail.length;
    totals.set(kind, entry);
  }
  return [...totals.entries()]
    .map(([kind, { ms, frames, chars, over }]): [string, number] => [
      `${kind}: ${frames} frames (${over} over ${P95_TARGET_MS} ms), tail ${Math.round(chars / frames)} chars on average, ${(ms / frames).toFixed(2)} ms/frame`,
      ms,
    ])
    .sort((a, b) => b[1] - a[1]);
}
