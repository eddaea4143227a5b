/**
 * Which function or RegExp each of V8's code objects belongs to, from a heap snapshot (the soak's
 * census, BENCH_SOAK_DIAG=1). The soak's renderer heap grows by compiled code (README, app bench);
 * this says whose code, so a function or pattern compiled anew per reply shows as an owner whose count
 * or size climbs, and plain warm-up as one-off entries that stop growing.
 *
 * How a `system / Code` node is tied to its owner in V8's snapshot (v8 src/profiler/heap-snapshot-generator.cc,
 * V8HeapExplorer::ExtractCodeReferences / ExtractSharedFunctionInfoReferences / ExtractRegExpDataReferences):
 * - optimized code (Maglev, TurboFan) has `deoptimization_data`, whose SharedFunctionInfoWrapper
 *   element names the function that was optimized (the outermost one; inlined callees are inside it);
 * - baseline code (Sparkplug) has `interpreter_data` and is held by its SharedFunctionInfo's
 *   `trusted_function_data`;
 * - Irregexp's native code is an element of the pattern's IrRegExpData, whose element 0 is the source;
 * - anything else (IC handlers, stubs) is "other", named by what holds it.
 * A code object's bytes are its own, its instruction stream's and its relocation, deoptimization and
 * position tables', each node counted once.
 */

export interface SnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export type CodeTier = 'optimized' | 'baseline' | 'regexp' | 'other';

export interface CodeOwner {
  tier: CodeTier;
  /** The app's chunk (`assets/…js`), `(driver)` for scripts with no URL (Playwright's injected script, page.evaluate), or '' for RegExps and other code. */
  origin: string;
  /** For a function: its source around the start, to find a minified function in the chunk. */
  hint: string;
  /** Code objects this owner holds (more than one: re-optimized, or one per copy of a function). */
  count: number;
  bytes: number;
}

/** The code objects of a snapshot, grouped by owner. Keys are stable across snapshots of one page. */
export function codeOwners(snap: SnapshotJson): Map<string, CodeOwner> {
  const g = snapshotGraph(snap);
  const claimed = new Set<number>();
  const take = (n: number | undefined) => {
    if (n === undefined || claimed.has(n)) return 0;
    claimed.add(n);
    return g.size(n);
  };
  const owners = new Map<string, CodeOwner>();
  for (let c = 0; c < g.count; c++) {
    if (g.name(c) !== 'system / Code') continue;
    let bytes = take(c);
    const stream = g.edge(c, 'instruction_stream');
    if (stream !== undefined) bytes += take(stream) + take(g.edge(stream, 'relocation_info'));
    const deopt = g.edge(c, 'deoptimization_data');
    if (deopt !== undefined) {
      bytes += take(deopt);
      for (const t of g.targets(deopt))
        if (g.type(t) === 'code' || g.name(t).startsWith('system / Protected')) bytes += take(t);
    }
    bytes += take(g.edge(c, 'source_position_table')) + take(g.edge(c, 'bytecode_offset_table'));
    const owner = ownerOf(g, c, deopt);
    const entry = owners.get(owner.key) ?? {
      tier: owner.tier,
      origin: owner.origin,
      hint: owner.hint ?? '',
      count: 0,
      bytes: 0,
    };
    entry.count++;
    entry.bytes += bytes;
    owners.set(owner.key, entry);
  }
  return owners;
}

function ownerOf(
  g: SnapshotGraph,
  code: number,
  deopt: number | undefined,
): { key: string; tier: CodeTier; origin: string; hint?: string } {
  if (deopt !== undefined) {
    const wrapper = g.targets(deopt).find((t) => g.name(t) === 'system / SharedFunctionInfoWrapper');
    const shared = wrapper === undefined ? undefined : g.targets(wrapper).find((t) => isSharedInfo(g, t));
    return functionOwner(g, 'optimized', shared);
  }
  const holders = g.holders(code);
  const regexp = holders.find((h) => g.name(h) === 'system / IrRegExpData');
  if (regexp !== undefined) {
    const source = g.element(regexp, 0);
    const text = source === undefined ? '?' : g.name(source);
    return {
      key: `regexp /${text.length > 80 ? `${text.slice(0, 80)}…` : text}/`,
      tier: 'regexp',
      origin: '',
    };
  }
  const shared = holders.find((h) => isSharedInfo(g, h));
  if (shared !== undefined || g.edge(code, 'interpreter_data') !== undefined)
    return functionOwner(g, 'baseline', shared);
  const by = [...new Set(holders.map((h) => g.name(h).slice(0, 40)))].sort().slice(0, 3).join(', ');
  return { key: `other (held by ${by || 'nothing'})`, tier: 'other', origin: '' };
}

function isSharedInfo(g: SnapshotGraph, n: number): boolean {
  return (
    g.name(n).startsWith('system / SharedFunctionInfo') && g.name(n) !== 'system / SharedFunctionInfoWrapper'
  );
}

/** `tier name origin@position`: the position (the function's start in its script) tells minified names apart. */
function functionOwner(
  g: SnapshotGraph,
  tier: CodeTier,
  shared: number | undefined,
): { key: string; tier: CodeTier; origin: string; hint?: string } {
  if (shared === undefined) return { key: `${tier} (function not in the snapshot)`, tier, origin: '' };
  const name = g.name(shared).replace(/^system \/ SharedFunctionInfo( \/ )?/, '') || '(anonymous)';
  const script = g.edge(shared, 'script');
  const url = script === undefined ? '' : g.name(script).replace(/^system \/ Script( \/ )?/, '');
  const origin = url === '' ? '(driver)' : url.replace(/^[a-z]+:\/\/[^/]+\//, '');
  const scope = g.edge(shared, 'name_or_scope_info');
  const start = scope === undefined ? undefined : g.edge(scope, 'start_position');
  const value = start === undefined ? undefined : g.edge(start, 'value');
  const position = value === undefined ? undefined : Number(g.name(value));
  const source = script === undefined ? undefined : g.edge(script, 'source');
  const hint =
    source === undefined || position === undefined
      ? ''
      : // A copy, not a slice: a slice would keep the script's whole source alive in the bench's
        // process, whose heap is the soak's figure for main.
        [
          ...g
            .name(source)
            .slice(Math.max(0, position - 40), position + 60)
            .replace(/\s+/g, ' '),
        ].join('');
  return {
    key: `${tier} ${name} ${origin}${position === undefined ? '' : ` @${position}`}`,
    tier,
    origin,
    hint,
  };
}

interface SnapshotGraph {
  count: number;
  name(n: number): string;
  type(n: number): string;
  size(n: number): number;
  /** The target of the first named edge `label` (property, internal, context, shortcut). */
  edge(n: number, label: string): number | undefined;
  element(n: number, index: number): number | undefined;
  targets(n: number): number[];
  /** The nodes with a strong edge to `n`. */
  holders(n: number): number[];
}

/** Node indexes here are ordinals (0, 1, 2…), not offsets into `nodes`. */
export function snapshotGraph(snap: SnapshotJson): SnapshotGraph {
  const { node_fields: nf, edge_fields: ef } = snap.snapshot.meta;
  const nodeTypes = snap.snapshot.meta.node_types[0];
  const edgeTypes = snap.snapshot.meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const nw = nf.length;
  const ew = ef.length;
  const typeAt = nf.indexOf('type');
  const nameAt = nf.indexOf('name');
  const sizeAt = nf.indexOf('self_size');
  const edgeCountAt = nf.indexOf('edge_count');
  const count = nodes.length / nw;
  const firstEdge = new Int32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += (nodes[i * nw + edgeCountAt] ?? 0) * ew;
  }
  firstEdge[count] = edges.length;
  const isIndexed = (e: number) => {
    const t = edgeTypes[edges[e] ?? 0];
    return t === 'element' || t === 'hidden';
  };
  // Reverse edges, built on first use (CSR: holdersAt[holderStart[n] .. holderStart[n + 1]]).
  let holderStart: Int32Array | undefined;
  let holdersAt: Int32Array | undefined;
  const weak = edgeTypes.indexOf('weak');
  const buildHolders = () => {
    const start = new Int32Array(count + 1);
    for (let e = 0; e < edges.length; e += ew) {
      if (edges[e] === weak) continue;
      const slot = (edges[e + 2] ?? 0) / nw + 1;
      start[slot] = (start[slot] ?? 0) + 1;
    }
    for (let i = 0; i < count; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
    const fill = start.slice(0, count);
    const at = new Int32Array(start[count] ?? 0);
    for (let n = 0; n < count; n++)
      for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e += ew) {
        if (edges[e] === weak) continue;
        const to = (edges[e + 2] ?? 0) / nw;
        at[fill[to] ?? 0] = n;
        fill[to] = (fill[to] ?? 0) + 1;
      }
    holderStart = start;
    holdersAt = at;
    return { start, at };
  };
  return {
    count,
    name: (n) => strings[nodes[n * nw + nameAt] ?? 0] ?? '',
    type: (n) => nodeTypes[nodes[n * nw + typeAt] ?? 0] ?? '',
    size: (n) => nodes[n * nw + sizeAt] ?? 0,
    edge(n, label) {
      for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e += ew)
        if (!isIndexed(e) && strings[edges[e + 1] ?? 0] === label) return (edges[e + 2] ?? 0) / nw;
      return undefined;
    },
    element(n, index) {
      for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e += ew)
        if (isIndexed(e) && edges[e + 1] === index) return (edges[e + 2] ?? 0) / nw;
      return undefined;
    },
    targets(n) {
      const out: number[] = [];
      for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e += ew)
        out.push((edges[e + 2] ?? 0) / nw);
      return out;
    },
    holders(n) {
      const { start, at } = holderStart && holdersAt ? { start: holderStart, at: holdersAt } : buildHolders();
      return [...at.subarray(start[n] ?? 0, start[n + 1] ?? 0)];
    },
  };
}

/** Bytes by tier and origin: `optimized (app)`, `optimized (driver)`, `baseline (app)`, `regexp`… */
export function codeTotals(owners: Map<string, CodeOwner>): Map<string, number> {
  const t = new Map<string, number>();
  for (const o of owners.values()) {
    const where = o.origin === '' ? '' : o.origin === '(driver)' ? ' (driver)' : ' (app)';
    t.set(`${o.tier}${where}`, (t.get(`${o.tier}${where}`) ?? 0) + o.bytes);
  }
  return t;
}

/** One line for a checkpoint: the totals, and the owners that gained code since `before`. */
export function codeSummary(owners: Map<string, CodeOwner>, before?: Map<string, CodeOwner>): string {
  const totals = [...codeTotals(owners)]
    .sort((x, y) => x[0].localeCompare(y[0]))
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`)
    .join(', ');
  if (!before) return totals;
  let grew = 0;
  let added = 0;
  for (const [key, o] of owners) {
    const was = before.get(key)?.bytes ?? 0;
    if (o.bytes > was) {
      grew++;
      added += o.bytes - was;
    }
  }
  return `${totals}; ${grew} owners gained ${(added / 1024).toFixed(0)} KB since the previous checkpoint`;
}

/** Printable lines: the code by tier and origin, then the owners that grew most from `a` to `b`. */
export function codeOwnersDiff(a: Map<string, CodeOwner>, b: Map<string, CodeOwner>, top = 30): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`;
  const ta = codeTotals(a);
  const tb = codeTotals(b);
  const lines = ['V8 code objects by tier and origin (from → to):'];
  for (const k of [...new Set([...ta.keys(), ...tb.keys()])].sort())
    lines.push(
      `  ${k}: ${kb(ta.get(k) ?? 0)} → ${kb(tb.get(k) ?? 0)} (${signedKb((tb.get(k) ?? 0) - (ta.get(k) ?? 0))})`,
    );
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => ({
    key,
    from: a.get(key) ?? { count: 0, bytes: 0 },
    to: b.get(key) ?? { count: 0, bytes: 0, hint: '' },
  }));
  const grown = rows
    .filter((r) => r.to.bytes > r.from.bytes)
    .sort((x, y) => y.to.bytes - y.from.bytes - (x.to.bytes - x.from.bytes));
  const added = grown.filter((r) => r.from.count === 0).length;
  lines.push(
    `code owners that grew: ${grown.length} (${added} with no code before), ${signedKb(grown.reduce((s, r) => s + r.to.bytes - r.from.bytes, 0))}; dropped or shrunk: ${rows.length - grown.length - rows.filter((r) => r.to.bytes === r.from.bytes).length}, ${signedKb(rows.filter((r) => r.to.bytes < r.from.bytes).reduce((s, r) => s + r.to.bytes - r.from.bytes, 0))}`,
  );
  lines.push(`top ${top} (size added, code objects from → to, owner):`);
  for (const r of grown.slice(0, top))
    lines.push(
      `  ${signedKb(r.to.bytes - r.from.bytes).padStart(10)}  ${r.from.count} → ${r.to.count}  ${r.key}${r.to.hint ? `  ⟨${r.to.hint}⟩` : ''}`,
    );
  const multiplied = rows
    .filter((r) => r.to.count > Math.max(2, r.from.count * 2))
    .sort((x, y) => y.to.count - x.to.count);
  lines.push('owners whose code objects multiplied (a pattern or function compiled again and again):');
  for (const r of multiplied.slice(0, 10))
    lines.push(`  ${r.from.count} → ${r.to.count} (${kb(r.to.bytes)})  ${r.key}`);
  if (multiplied.length === 0) lines.push('  none');
  return lines;
}
