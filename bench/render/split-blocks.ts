// The lexer step of the memoized-blocks baseline (baselines.ts). The common pattern splits with
// marked's lexer: marked tokenizes without building a syntax tree, so re-splitting the whole text on
// every update is cheap. marked comes with Streamdown, whose exported parseMarkdownIntoBlocks is that
// split (marked.lexer, each token's raw source, with $$ math and HTML blocks kept whole). A first
// version split with remark-parse (a full mdast parse per update): that is most of react-markdown's
// own cost, so it made the baseline as slow as the naive one (5.6x Switchboard's CPU), a strawman.
import { parseMarkdownIntoBlocks } from 'streamdown';

/** The source of each top-level block: the blocks joined give back the text. */
export function splitBlocks(text: string): string[] {
  return parseMarkdownIntoBlocks(text);
}
