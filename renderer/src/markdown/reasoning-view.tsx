import { type JSX, useContext, useState } from 'react';
import { IntlContext } from 'react-intl';
import { englishIntl } from '../format/format-intl';

export interface ReasoningViewProps {
  /** The model's reasoning text; untrusted, shown verbatim. */
  text: string;
  /** True while reasoning tokens are still arriving. */
  streaming?: boolean;
}

/**
 * Collapsed "Reasoning" disclosure. The text is shown as preformatted plain text
 * (never HTML), and only rendered once opened: long hidden reasoning should not
 * cost anything per streamed token.
 */
export function ReasoningView({ text, streaming = false }: ReasoningViewProps): JSX.Element {
  const [open, setOpen] = useState(false);
  // The app always provides one; Markdown's unit tests may mount this without it (English then).
  const intl = useContext(IntlContext) ?? englishIntl();
  return (
    <details
      className="md-reasoning"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-busy={streaming || undefined}
    >
      <summary className="md-reasoning-summary">{intl.formatMessage({ id: 'markdown.reasoning' })}</summary>
      {open ? (
        <div className="md-reasoning-text" data-i18n-content>
          {text}
        </div>
      ) : null}
    </details>
  );
}
