import type { Nodes, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// The same syntax extensions the renderer uses: block structure must be judged
// by the parser that will render the blocks, not by an approximation of it.
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze();

export interface Structure {
  /** Number of top-level blocks. */
  readonly blockCount: number;
  /** Offset in the parsed text where its last top-level block starts (0 when there is none). */
  readonly lastBlockStart: number;
  /** Kind of the first and last top-level blocks (see `blockKind`); '' when there are none. */
  readonly firstBlockKind: string;
  readonly lastBlockKind: string;
  /** Link reference or footnote definitions make blocks depend on each other. */
  readonly hasDefinitions: boolean;
}

export type StructureParser = (text: string) => Structure;

export const parseStructure: StructureParser = (text) => {
  const tree = parser.parse(text);
  const first = tree.children[0];
  const last = tree.children.at(-1);
  return {
    blockCount: tree.children.length,
    lastBlockStart: last?.position?.start.offset ?? 0,
    firstBlockKind: blockKind(first),
    lastBlockKind: blockKind(last),
    hasDefinitions: containsDefinition(tree),
  };
};

function containsDefinition(node: Nodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  if (!('children' in node)) return false;
  for (const child of node.children) {
    // Phrasing content cannot hold definitions; skipping it keeps the walk cheap.
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'table') continue;
    if (containsDefinition(child)) return true;
  }
  return false;
}

/**
 * Enough of a block's identity to notice when its first line parses differently
 * alone than after the preceding text (micromark, for instance, reads `2) x`
 * after an indented code block as a paragraph, but alone as a list).
 */
function blockKind(node: RootContent | undefined): string {
  if (node === undefined) return '';
  switch (node.type) {
    case 'list':
      return node.ordered ? `list:ordered:${node.start ?? 1}` : 'list:bullet';
    case 'heading':
      return `heading:${node.depth}`;
    default:
      return node.type;
  }
}
