// The two baselines of issue 19 beside the naive renderer, each with the same Markdown features as
// Switchboard's renderer (GFM, math typeset with KaTeX, copy buttons on code):
// - 'memoized': the common hand-rolled pattern: split the text into top-level blocks with a lexer
//   (marked's, see split-blocks.ts; tables, fences and $$ blocks stay whole) and render
//   each block with react-markdown (the naive renderer's pipeline) in a React.memo component keyed by
//   index, so only the changed (last) blocks re-render as the stream grows;
// - 'streamdown': Streamdown, the drop-in react-markdown replacement built for AI streaming, in its
//   streaming mode, with GFM (built in) and math through its plugin interface. Its Shiki highlighting
//   plugin (@streamdown/code) is a separate package not installed here, so its code blocks are not
//   highlighted (its default code block, with copy and download buttons): it does less than
//   Switchboard, which only favours it.
// Written with createElement: tsconfig.e2e.json, which checks bench/, has no JSX.
import { StaticMarkdown } from 'bench-markdown';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import katex from 'katex';
import { parseFragment } from 'parse5';
import { createElement, type JSX, memo } from 'react';
import remarkMath from 'remark-math';
import { type MathPlugin, Streamdown } from 'streamdown';
import { SKIP, visit } from 'unist-util-visit';
import { splitBlocks } from './split-blocks';

const noop = (): void => {};

// ---- memoized blocks ----

const MemoizedBlock = memo(function MemoizedBlock({ text }: { text: string }): JSX.Element {
  return createElement(StaticMarkdown, { source: text, onLinkClick: noop });
});

export function MemoizedBlocks({ source }: { source: string }): JSX.Element {
  return createElement(
    'div',
    null,
    splitBlocks(source).map((text, index) =>
      // Keyed by index, as the pattern does: a stream only appends, so block i stays block i.
      // biome-ignore lint/correctness/useJsxKeyInIterable: the key is there; the rule misreads createElement's props.
      createElement(MemoizedBlock, { key: `block-${index}`, text }),
    ),
  );
}

// ---- Streamdown ----

const KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  maxSize: 20,
  maxExpand: 500,
} as const;

function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.includes(name);
}

/**
 * rehype-katex in a few lines (rehype-katex is not installed): remark-math's math-inline /
 * math-display code elements become KaTeX's HTML as hast, which React renders (inline styles go
 * through CSSOM, which the page's CSP allows).
 */
function rehypeKatexLite() {
  return (tree: HastRoot): void => {
    visit(tree, 'element', (node, index, parent) => {
      if (parent === undefined || index === undefined) return;
      // remark-math: inline math is <code class="language-math math-inline">, display math
      // <pre><code class="language-math math-display">. Streamdown sanitizes before this plugin runs,
      // which keeps only `language-*` classes, so (as rehype-katex does) math is a language-math code
      // element, display when inside <pre>.
      const code = node.tagName === 'pre' ? node.children.find((c) => c.type === 'element') : node;
      if (code?.type !== 'element' || code.tagName !== 'code') return;
      const isMath = ['language-math', 'math-inline', 'math-display'].some((name) => hasClass(code, name));
      if (!isMath) return;
      const display = node.tagName === 'pre' || hasClass(code, 'math-display');
      const tex = code.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
      const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
      parent.children[index] = {
        type: 'element',
        tagName: display ? 'div' : 'span',
        properties: { className: [display ? 'md-math-display' : 'md-math-inline'] },
        children: (fromParse5(parseFragment(html)) as HastRoot).children as ElementContent[],
      };
      return SKIP;
    });
  };
}

const mathPlugin: MathPlugin = {
  name: 'katex',
  type: 'math',
  remarkPlugin: [remarkMath, { singleDollarTextMath: true }],
  rehypePlugin: rehypeKatexLite,
};
const plugins = { math: mathPlugin };

export function StreamdownReply({ source, streaming }: { source: string; streaming: boolean }): JSX.Element {
  return createElement(Streamdown, { mode: 'streaming', isAnimating: streaming, plugins }, source);
}
