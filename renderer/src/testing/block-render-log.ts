import { createElement, type JSX } from 'react';
import type * as ReactMarkdownModule from 'react-markdown';
import type { Options } from 'react-markdown';
import { type BlockVariant, rehypePlugins } from '../markdown/pipeline';

type BlockRenderObserver = (text: string, variant: BlockVariant) => void;

let observer: BlockRenderObserver | null = null;

/** Observes every block parse and render, once `observeMarkdownParses` stands in for react-markdown. */
export function setBlockRenderObserver(next: BlockRenderObserver | null): void {
  observer = next;
}

/** The real react-markdown component, which the observed one renders. */
let actualMarkdown: typeof ReactMarkdownModule.default | null = null;

/** Which variant a block is parsed as: each variant has its own plugin list (pipeline.ts). */
function variantOf(plugins: Options['rehypePlugins']): BlockVariant {
  const found = (Object.keys(rehypePlugins) as BlockVariant[]).find((v) => rehypePlugins[v] === plugins);
  if (!found) throw new Error('a block was parsed with plugins that are not one of the variants');
  return found;
}

function ObservedMarkdown(options: Options): JSX.Element {
  if (!actualMarkdown) throw new Error('observeMarkdownParses was not given the real module');
  observer?.(options.children ?? '', variantOf(options.rehypePlugins));
  return createElement(actualMarkdown, options);
}

/**
 * For `vi.mock('react-markdown', …)`: the module with its component replaced by one that reports each
 * parse (MarkdownBlock renders it once per render of a block) before parsing as usual. Lets a test prove
 * that settled blocks are not parsed again while a message grows, with no hook in production code.
 */
export function observeMarkdownParses(actual: typeof ReactMarkdownModule): typeof ReactMarkdownModule {
  actualMarkdown = actual.default;
  return { ...actual, default: ObservedMarkdown };
}
