import type { JSX, ReactNode } from 'react';
import type { Components } from 'react-markdown';
import { CodeBlock } from './code-block';
import { KatexMath } from './katex-math';
import { ImagePlaceholder, SafeLink } from './safe-link';

export function TableScroll({ children }: { children?: ReactNode }): JSX.Element {
  return (
    // Focusable so keyboard users can scroll wide tables (axe: scrollable-region-focusable).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region must be reachable by keyboard
    <div className="md-table-scroll" tabIndex={0}>
      <table className="md-table">{children}</table>
    </div>
  );
}

/** Element overrides: every URL-bearing element is replaced by a safe component. */
export const components: Components = {
  a: ({ href, node, children }) => (
    <SafeLink href={href} node={node}>
      {children}
    </SafeLink>
  ),
  img: ({ src, alt }) => <ImagePlaceholder src={typeof src === 'string' ? src : undefined} alt={alt} />,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  // remark-math emits inline math as `code.language-math.math-inline`.
  code: ({ className, children }) =>
    className?.includes('math-inline') && typeof children === 'string' ? (
      <KatexMath tex={children} display={false} />
    ) : (
      <code className={className}>{children}</code>
    ),
  table: ({ children }) => <TableScroll>{children}</TableScroll>,
};
