import katex from 'katex';
import { type JSX, useLayoutEffect, useRef } from 'react';

// `trust: false` keeps \href, \url, \includegraphics and \html* inert; the size
// limits stop pathological input from freezing the renderer; errors render as
// red source text instead of throwing.
const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 500 } as const;

export interface KatexMathProps {
  tex: string;
  display: boolean;
}

/**
 * Renders TeX with KaTeX straight into the DOM. rehype-katex would go through
 * an HTML string that the browser build parses with DOMParser, and every inline
 * `style` attribute in it is a Content-Security-Policy violation under the
 * app's `style-src 'self'`; KaTeX's own DOM builder sets styles through CSSOM,
 * which CSP allows, and skips the string round trip.
 */
export function KatexMath({ tex, display }: KatexMathProps): JSX.Element {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    try {
      katex.render(tex, element, { ...OPTIONS, displayMode: display });
    } catch {
      // Non-parse failures (e.g. a quirks-mode document): show the source rather than break the message.
      element.textContent = tex;
    }
  }, [tex, display]);
  return <span ref={ref} className={display ? 'md-math md-math-display' : 'md-math md-math-inline'} />;
}
