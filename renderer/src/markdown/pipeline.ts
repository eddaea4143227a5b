import type { Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { rehypeHighlightSubset } from './highlight';
import { remarkHtmlAsText } from './remark-html-as-text';
import {
  rehypeListItemsOnly,
  rehypeParagraphContentOnly,
  rehypeTableHeadOnly,
  rehypeTableRowsOnly,
  remarkLooseList,
  remarkTightList,
} from './tail-part-plugins';

/**
 * How a block is rendered:
 * - `highlighted`: finished blocks (syntax highlighting of fenced code);
 * - `plain`: text that is still changing (the streaming tail) or waiting for its
 *   highlighting: highlighting is the expensive step and pointless on half-written code;
 * - `pending-math`: a tail with an unterminated `$$` block, shown as TeX source;
 * - `list-items-tight` / `list-items-loose`: part of a streaming list's items (StreamingList),
 *   rendered as bare `<li>`s with the whole list's looseness;
 * - `table-head` / `table-rows`: a streaming table's `thead`, or some of its body rows (StreamingTable);
 * - `item-head`: the first line of a streaming list's last item, when nested items follow it
 *   (StreamingList), rendered as the inline content a tight list's item shows without a `<p>`.
 */
export type BlockVariant =
  | 'highlighted'
  | 'plain'
  | 'pending-math'
  | 'list-items-tight'
  | 'list-items-loose'
  | 'table-head'
  | 'table-rows'
  | 'item-head';

type PluginList = NonNullable<Options['rehypePlugins']>;
type RemarkPluginList = NonNullable<Options['remarkPlugins']>;

export const remarkPlugins: RemarkPluginList = [remarkGfm, remarkMath, remarkHtmlAsText];

export const remarkPluginsFor: Record<BlockVariant, RemarkPluginList> = {
  highlighted: remarkPlugins,
  plain: remarkPlugins,
  'pending-math': remarkPlugins,
  'list-items-tight': [...remarkPlugins, remarkTightList],
  'list-items-loose': [...remarkPlugins, remarkLooseList],
  'table-head': remarkPlugins,
  'table-rows': remarkPlugins,
  'item-head': remarkPlugins,
};

// Math is typeset by the KatexMath component, not a rehype plugin (see katex-math.tsx).
// Every variant has its own array: tests tell variants apart by the array's identity.
export const rehypePlugins: Record<BlockVariant, PluginList> = {
  highlighted: [rehypeHighlightSubset],
  plain: [],
  'pending-math': [],
  'list-items-tight': [rehypeListItemsOnly],
  'list-items-loose': [rehypeListItemsOnly],
  'table-head': [rehypeTableHeadOnly],
  'table-rows': [rehypeTableRowsOnly],
  'item-head': [rehypeParagraphContentOnly],
};

/** Keep URLs as written: the link and image components decide what is safe, and show blocked targets. */
export const keepUrl: NonNullable<Options['urlTransform']> = (url) => url;
