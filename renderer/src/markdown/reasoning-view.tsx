import { type JSX, useState } from 'react';

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
  return (
    <details
      className="md-reasoning"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-busy={streaming || undefined}
    >
      <summary className="md-reasoning-summary">Reasoning</summary>
      {open ? <div className="md-reasoning-text">{text}</div> : null}
    </details>
  );
}
