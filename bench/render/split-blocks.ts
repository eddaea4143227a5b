// The lexer step of the memoized-blocks baseline (baselines.ts): remark-parse with the GFM and math
// extensions, so a table or a $$ block is one block, as the renderer will parse it.
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const lexer = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

/**
 * The source of each top-level block, from its start to the next block's start (as marked.lexer cuts
 * `raw`): the blocks joined give back the text after any leading blank lines.
 */
export function splitBlocks(text: string): string[] {
  const tree = lexer.parse(text) as Root;
  const starts = tree.children.map((node) => node.position?.start.offset ?? 0);
  return starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length));
}
