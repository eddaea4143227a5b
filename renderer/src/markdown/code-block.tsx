import { type JSX, type ReactNode, useContext } from 'react';
import { IntlContext } from 'react-intl';
import { CopyButton } from '../components/copy-button';
import { englishIntl } from '../format/format-intl';
import { codeLanguage, firstChildElement, type HastElement, hastText } from './hast-text';
import { KatexMath } from './katex-math';
import { DisplayMathContext } from './math-context';

export interface CodeBlockProps {
  node?: HastElement | undefined;
  children?: ReactNode;
}

/** Replaces `<pre>`: a fenced code block with a language label and a copy button. */
export function CodeBlock({ node, children }: CodeBlockProps): JSX.Element {
  const displayMath = useContext(DisplayMathContext);
  // The app always provides one; Markdown's unit tests mount code blocks without it (English then).
  const intl = useContext(IntlContext) ?? englishIntl();
  const code = firstChildElement(node, 'code');
  const language = codeLanguage(code);
  // mdast-util-to-hast appends one newline to every code block's text; the reader never typed it.
  const text = hastText(code).replace(/\n$/, '');
  if (language === 'math') {
    // remark-math emits display math as `pre > code.language-math`.
    if (displayMath === 'render') return <KatexMath tex={text} display />;
    return (
      <pre className="md-math-pending" aria-busy="true">
        {text}
      </pre>
    );
  }
  return (
    <div className="md-code">
      <div className="md-code-header">
        {/* The fence's language name (`python`) is the model's, not translated. */}
        <span className="md-code-lang" translate={language ? 'no' : undefined}>
          {language ?? intl.formatMessage({ id: 'markdown.code.plainText' })}
        </span>
        <CopyButton
          text={text}
          className="md-copy"
          label={intl.formatMessage({ id: 'markdown.code.copy' })}
          statusClassName="md-visually-hidden"
        />
      </div>
      <pre className="md-code-pre">{children}</pre>
    </div>
  );
}
