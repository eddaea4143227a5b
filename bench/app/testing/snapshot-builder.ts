import type { SnapshotJson } from '../code-owners';

/**
 * A hand-built V8 heap snapshot in the shape Chromium's HeapProfiler.takeHeapSnapshot sends (the
 * fields V8's HeapSnapshotJSONSerializer writes), for testing code that reads snapshots.
 */
export class SnapshotBuilder {
  private readonly nodeTypes = [
    'hidden',
    'array',
    'string',
    'object',
    'code',
    'closure',
    'regexp',
    'number',
    'native',
  ];
  private readonly edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
  private readonly strings: string[] = [''];
  private readonly nodes: {
    type: string;
    name: string;
    size: number;
    edges: [string, string | number, number][];
  }[] = [];

  /** Adds a node; returns its ordinal, the handle `edge` takes. */
  node(type: string, name: string, size = 0): number {
    this.nodes.push({ type, name, size, edges: [] });
    return this.nodes.length - 1;
  }

  /** An edge: named for property/internal/context/shortcut/weak, an index for element/hidden. */
  edge(from: number, type: string, label: string | number, to: number): this {
    this.nodes[from]?.edges.push([type, label, to]);
    return this;
  }

  build(): SnapshotJson {
    const str = (s: string) => {
      const at = this.strings.indexOf(s);
      if (at >= 0) return at;
      this.strings.push(s);
      return this.strings.length - 1;
    };
    const nodes: number[] = [];
    const edges: number[] = [];
    this.nodes.forEach((n, id) => {
      nodes.push(this.nodeTypes.indexOf(n.type), str(n.name), id * 2 + 1, n.size, n.edges.length, 0);
      for (const [type, label, to] of n.edges)
        edges.push(this.edgeTypes.indexOf(type), typeof label === 'number' ? label : str(label), to * 6);
    });
    return {
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'],
          node_types: [this.nodeTypes],
          edge_fields: ['type', 'name_or_index', 'to_node'],
          edge_types: [this.edgeTypes],
        },
      },
      nodes,
      edges,
      strings: this.strings,
    };
  }
}
