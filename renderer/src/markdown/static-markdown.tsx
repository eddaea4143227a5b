import 'katex/dist/katex.min.css';
import './markdown.css';
import { type JSX, useCallback, useLayoutEffect, useRef } from 'react';
import { LinkClickContext } from './link-context';
import { MarkdownBlock } from './markdown-block';

export interface StaticMarkdownProps {
  source: string;
  onLinkClick: (href: string) => void;
}

/**
 * Non-incremental rendering: the whole document is parsed as one unit. It is
 * the reference the incremental view must match (tests) and the "naive"
 * baseline of the render benchmark; the app itself uses MarkdownView.
 */
export function StaticMarkdown({ source, onLinkClick }: StaticMarkdownProps): JSX.Element {
  const handler = useRef(onLinkClick);
  useLayoutEffect(() => {
    handler.current = onLinkClick;
  }, [onLinkClick]);
  const onLink = useCallback((href: string) => handler.current(href), []);
  return (
    // Same root as MarkdownView's (the model's text, skipped by the pseudo-locale check).
    <div className="md-root" data-i18n-content>
      <LinkClickContext.Provider value={onLink}>
        <MarkdownBlock text={source} variant="highlighted" />
      </LinkClickContext.Provider>
    </div>
  );
}
