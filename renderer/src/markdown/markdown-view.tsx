import 'katex/dist/katex.min.css';
import './markdown.css';
import { type JSX, memo, useCallback, useLayoutEffect, useRef } from 'react';
import { Block } from './block';
import { GROUP_SIZE, type SettledBlock } from './block-splitter';
import { LinkClickContext } from './link-context';
import { tailRender } from './tail-text';
import { useBlockSplitter } from './use-block-splitter';

export interface MarkdownViewProps {
  /** Markdown from the model; untrusted. */
  source: string;
  /** True while tokens are still arriving. */
  streaming: boolean;
  /** Called with the normalized http(s)/mailto URL when a link is activated; the view never navigates. */
  onLinkClick: (href: string) => void;
  /** Extra class on the root element. */
  className?: string;
}

interface TailProps {
  readonly start: number;
  readonly text: string;
  readonly pendingMath: boolean;
}

const NO_BLOCKS: readonly SettledBlock[] = [];

/**
 * Renders an assistant message incrementally: settled top-level blocks are
 * parsed and rendered once (memoized); only the trailing in-progress block is
 * re-parsed when tokens arrive.
 */
export function MarkdownView({ source, streaming, onLinkClick, className }: MarkdownViewProps): JSX.Element {
  const split = useBlockSplitter(source);
  const handler = useRef(onLinkClick);
  useLayoutEffect(() => {
    handler.current = onLinkClick;
  }, [onLinkClick]);
  // Stable for the view's lifetime so no memoized block depends on the caller's callback identity.
  const onLink = useCallback((href: string) => handler.current(href), []);

  let content: JSX.Element;
  if (split.wholeDocument) {
    // Reference or footnote definitions link blocks together: only a whole-document parse is correct.
    content = <Block key="whole" text={source} settled={false} live={streaming} />;
  } else {
    const rendered = tailRender(split, streaming);
    const tail: TailProps | null =
      rendered.text === ''
        ? null
        : { start: split.tailStart, text: rendered.text, pendingMath: rendered.pendingMath };
    const { groups, generation } = split;
    // The tail is the last child of the last group (or of a group of its own, keyed by
    // its start): when it settles, the block with the same key in the same parent is
    // the same component instance, so its DOM is patched rather than rebuilt.
    const tailInLastGroup = (groups.at(-1)?.length ?? GROUP_SIZE) < GROUP_SIZE;
    content = (
      <>
        {groups.map((group, index) => (
          <BlockGroup
            key={`${generation}:${group[0]?.start}`}
            blocks={group}
            live={streaming}
            tail={tailInLastGroup && index === groups.length - 1 ? tail : null}
          />
        ))}
        {tail !== null && !tailInLastGroup ? (
          <BlockGroup key={`${generation}:${tail.start}`} blocks={NO_BLOCKS} live={streaming} tail={tail} />
        ) : null}
      </>
    );
  }

  return (
    <div
      className={className ? `md-root ${className}` : 'md-root'}
      aria-busy={streaming || undefined}
      // The model's text: the pseudo-locale check skips it (docs/i18n.md step 7).
      data-i18n-content
    >
      <LinkClickContext.Provider value={onLink}>{content}</LinkClickContext.Provider>
    </div>
  );
}

interface BlockGroupProps {
  blocks: readonly SettledBlock[];
  live: boolean;
  tail: TailProps | null;
}

/**
 * Full groups keep their array identity and get no tail, so React skips them
 * without visiting each block. The wrapper element does the same for the
 * browser: relaying out the growing tail walks the root's few groups and one
 * group's blocks, not every block of the message. (It has no box styling, so
 * block margins collapse through it exactly as without it.)
 */
const BlockGroup = memo(function BlockGroup({ blocks, live, tail }: BlockGroupProps): JSX.Element {
  return (
    <div className="md-group">
      {/* One array for the settled blocks and the tail: React matches keys only within one array, so
          the tail that settles (same key) stays the same instance and its DOM is patched, not rebuilt. */}
      {[
        ...blocks.map((block) => <Block key={block.start} text={block.text} settled live={live} />),
        tail === null ? null : (
          <Block
            key={tail.start}
            text={tail.text}
            settled={false}
            live={live}
            pendingMath={tail.pendingMath}
          />
        ),
      ]}
    </div>
  );
});
