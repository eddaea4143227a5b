import type { Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { rehypeHighlightSubset } from './highlight';
import { remarkHtmlAsText } from './remark-html-as-text';

/**
 * How a block is rendered:
 * - `highlighted`: finished blocks (syntax highlighting of fenced code);
 * - `plain`: text that is still changing (the streaming tail) or waiting for its
 *   highlighting: highlighting is the expensive step and pointless on half-written code;
 * - `pending-math`: a tail with an unterminated `$$` block, shown as TeX source.
 */
export type BlockVariant = 'highlighted' | 'plain' | 'pending-math';

type PluginList = NonNullable<Options['rehypePlugins']>;

export const remarkPlugins: NonNullable<Options['remarkPlugins']> = [remarkGfm, remarkMath, remarkHtmlAsText];

// Math is typeset by the KatexMath component, not a rehype plugin (see katex-math.tsx).
export const rehypePlugins: Record<BlockVariant, PluginList> = {
  highlighted: [rehypeHighlightSubset],
  plain: [],
  'pending-math': [],
};

/** Keep URLs as written: the link and image components decide what is safe, and show blocked targets. */
export const keepUrl: NonNullable<Options['urlTransform']> = (url) => url;
