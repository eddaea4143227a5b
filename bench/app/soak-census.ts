import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { type CodeOwner, codeOwners, codeOwnersDiff, type SnapshotJson } from './code-owners';

/**
 * What the renderer holds at a soak checkpoint, to find what grows per reply (BENCH_SOAK_DIAG=1):
 * - the attached DOM by kind (tag plus first class), so a per-reply leftover (a toast, a status line,
 *   a row that is never removed) shows as a count that climbs;
 * - a heap snapshot summarised by node type and constructor name (count and self size), so a
 *   per-reply object (a cache entry, an observer, a closure) shows the same way. Detached DOM
 *   (a node no longer in the document but kept alive from JS) is counted from the snapshot's
 *   detachedness field.
 */

export interface Census {
  /** BENCH_SOAK_RETAINERS=<name>: who holds the last few objects of that name, a few levels up. */
  retainers: string[];
  dom: Map<string, number>;
  heap: Map<string, { count: number; size: number }>;
  detached: number;
  /** V8's code objects (optimized, baseline, Irregexp) by the function or RegExp they belong to. */
  code: Map<string, CodeOwner>;
}

async function heapSnapshot(cdp: CDPSession): Promise<SnapshotJson> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const text = chunks.join('');
  // BENCH_SOAK_SNAPSHOT_DIR: keep each snapshot (open it in DevTools' Memory panel, or diff offline).
  const dir = process.env.BENCH_SOAK_SNAPSHOT_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `soak-${Date.now()}.heapsnapshot`), text);
  }
  return JSON.parse(text) as SnapshotJson;
}

export async function census(page: Page, cdp: CDPSession): Promise<Census> {
  const domCounts = await page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const el of document.querySelectorAll('*')) {
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      const kind = `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return counts;
  });
  const snap = await heapSnapshot(cdp);
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const detachedAt = fields.indexOf('detachedness');
  const heap = new Map<string, { count: number; size: number }>();
  let detached = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? 0] ?? '?';
    let name = snap.strings[snap.nodes[i + nameAt] ?? 0] ?? '?';
    // Strings and code are summarised by kind, not by their text.
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (name.length > 60) name = `${name.slice(0, 60)}…`;
    const key = `${type}:${name}`;
    const entry = heap.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snap.nodes[i + sizeAt] ?? 0;
    heap.set(key, entry);
    if (detachedAt >= 0 && snap.nodes[i + detachedAt] === 2) detached++;
  }
  const wanted = process.env.BENCH_SOAK_RETAINERS;
  return {
    dom: new Map(Object.entries(domCounts)),
    heap,
    detached,
    code: codeOwners(snap),
    retainers: wanted ? retainerChains(snap, wanted) : [],
  };
}

function retainerChains(snap: SnapshotJson, wanted: string, instances = 4, depth = 6): string[] {
  const { node_fields: nf, edge_fields: ef } = snap.snapshot.meta;
  const edgeTypes = snap.snapshot.meta.edge_types[0];
  const nw = nf.length;
  const ew = ef.length;
  const { nodes, edges, strings } = snap;
  const edgeCountAt = nf.indexOf('edge_count');
  const nameAt = nf.indexOf('name');
  const retainedBy = new Map<number, { from: number; label: string }[]>();
  for (let i = 0, e = 0; i < nodes.length; i += nw) {
    const count = nodes[i + edgeCountAt] ?? 0;
    for (let k = 0; k < count; k++, e += ew) {
      const t = edgeTypes[edges[e] ?? 0] ?? '';
      if (t === 'weak') continue;
      const to = edges[e + 2] ?? 0;
      const label =
        t === 'element' || t === 'hidden' ? `[${edges[e + 1]}]` : (strings[edges[e + 1] ?? 0] ?? '');
      const list = retainedBy.get(to) ?? [];
      list.push({ from: i, label: `${t}:${label}` });
      retainedBy.set(to, list);
    }
  }
  const name = (n: number) => (strings[nodes[n + nameAt] ?? 0] ?? '?').slice(0, 80);
  const found: number[] = [];
  for (let i = 0; i < nodes.length; i += nw) if (name(i) === wanted) found.push(i);
  const lines: string[] = [`retainers of ${wanted} (${found.length} in the heap):`];
  for (const start of found.slice(-instances)) {
    let n = start;
    const chain: string[] = [name(n)];
    const seen = new Set<number>([n]);
    for (let d = 0; d < depth; d++) {
      const by = (retainedBy.get(n) ?? []).find((r) => !seen.has(r.from));
      if (!by) break;
      chain.push(`${by.label} ← ${name(by.from)}`);
      seen.add(by.from);
      n = by.from;
    }
    lines.push(`  ${chain.join('\n    ')}`);
  }
  return lines;
}

/** The kinds that grew most from `a` to `b`, as printable lines. */
export function censusDiff(a: Census, b: Census, top = 40): string[] {
  const lines: string[] = [...b.retainers, `detached DOM nodes in the heap: ${a.detached} → ${b.detached}`];
  lines.push(...codeOwnersDiff(a.code, b.code));
  const domGrowth = [...b.dom]
    .map(([kind, n]) => ({ kind, from: a.dom.get(kind) ?? 0, to: n }))
    .filter((d) => d.to !== d.from)
    .sort((x, y) => y.to - y.from - (x.to - x.from))
    .slice(0, top);
  lines.push('DOM by kind (from → to):');
  for (const d of domGrowth) lines.push(`  ${d.kind}: ${d.from} → ${d.to}`);
  const heapGrowth = [...b.heap]
    .map(([kind, v]) => {
      const before = a.heap.get(kind) ?? { count: 0, size: 0 };
      return {
        kind,
        count: v.count - before.count,
        size: v.size - before.size,
        from: before.count,
        to: v.count,
      };
    })
    .sort((x, y) => y.size - x.size)
    .slice(0, top);
  lines.push('heap by type:constructor, most bytes added (count from → to, self size added):');
  for (const d of heapGrowth)
    lines.push(`  ${d.kind}: ${d.from} → ${d.to} (+${(d.size / 1024).toFixed(1)} KB)`);
  // Functions (shared function infos and closures carry the function's name): a name whose count
  // climbs with the replies is code made per reply.
  const byCount = [...b.heap]
    .map(([kind, v]) => ({ kind, from: a.heap.get(kind)?.count ?? 0, to: v.count }))
    .filter((d) => d.to - d.from > 0)
    .sort((x, y) => y.to - y.from - (x.to - x.from))
    .slice(0, top);
  lines.push('heap by type:constructor, most objects added:');
  for (const d of byCount) lines.push(`  ${d.kind}: ${d.from} → ${d.to}`);
  return lines;
}
