import { type JSX, memo } from 'react';
import Markdown from 'react-markdown';
import { components } from './components';
import { DisplayMathContext } from './math-context';
import { type BlockVariant, keepUrl, rehypePlugins, remarkPluginsFor } from './pipeline';

export interface MarkdownBlockProps {
  text: string;
  variant: BlockVariant;
}

/**
 * One parse-and-render unit. Memoized on its text, so a settled block renders
 * exactly once however long the message grows. No raw HTML can get through:
 * there is no rehype-raw, HTML nodes are turned into text beforehand, and
 * `skipHtml` drops anything that would still slip past.
 */
export const MarkdownBlock = memo(function MarkdownBlock({ text, variant }: MarkdownBlockProps): JSX.Element {
  return (
    <DisplayMathContext.Provider value={variant === 'pending-math' ? 'source' : 'render'}>
      <Markdown
        remarkPlugins={remarkPluginsFor[variant]}
        rehypePlugins={rehypePlugins[variant]}
        components={components}
        urlTransform={keepUrl}
        skipHtml
      >
        {text}
      </Markdown>
    </DisplayMathContext.Provider>
  );
});
