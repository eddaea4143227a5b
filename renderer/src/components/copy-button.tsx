import { type JSX, useContext, useEffect, useRef, useState } from 'react';
import { IntlContext } from 'react-intl';
import { intlFor } from '../i18n/note';

type CopyState = 'idle' | 'copied' | 'failed';

const LABEL_IDS: Record<CopyState, string> = {
  idle: 'chat.copy.copy',
  copied: 'chat.copy.copied',
  failed: 'chat.copy.failed',
};
/** How long the button says "Copied" or "Copy failed" before it says "Copy" again. */
const RESET_AFTER_MS = 2000;

/** Puts `text` on the clipboard; false when it could not. */
async function writeToClipboard(text: string): Promise<boolean> {
  try {
    // The clipboard API is missing outside secure contexts and may reject without focus or permission.
    if (typeof navigator.clipboard?.writeText !== 'function') return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export interface CopyButtonProps {
  text: string;
  className: string;
  /** The accessible name, where the visible "Copy" alone would not say what is copied ("Copy code"). */
  label?: string;
  disabled?: boolean;
  /**
   * How the outcome is told. With `onCopied` the caller tells it (a message's Copy shows a toast) and the
   * button keeps saying "Copy". Without it the button itself says "Copied" or "Copy failed" for a
   * moment, and a status region (hidden by `statusClassName`) announces it (a code block's Copy code).
   */
  onCopied?: (copied: boolean) => void;
  statusClassName?: string;
}

/** The one Copy button: a message's text, or a code block's code. */
export function CopyButton(props: CopyButtonProps): JSX.Element {
  const { text, className, label, disabled = false, onCopied, statusClassName } = props;
  const [state, setState] = useState<CopyState>('idle');
  // The app always provides one; Markdown's unit tests mount code blocks without it (English then).
  // TODO(issue 20): plain useIntl() once renderer/src/markdown/*.test.tsx render with IntlWrapper.
  const intl = useContext(IntlContext) ?? intlFor('en');
  const labelOf = (s: CopyState) => intl.formatMessage({ id: LABEL_IDS[s] });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async (): Promise<void> => {
    const copied = await writeToClipboard(text);
    if (onCopied) {
      onCopied(copied);
      return;
    }
    setState(copied ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), RESET_AFTER_MS);
  };

  const button = (
    <button
      type="button"
      className={className}
      aria-label={label}
      data-state={onCopied ? undefined : state}
      disabled={disabled}
      onClick={() => {
        void copy();
      }}
    >
      {labelOf(state)}
    </button>
  );
  if (onCopied) return button;
  return (
    <>
      {button}
      <span className={statusClassName} role="status">
        {state === 'idle' ? '' : labelOf(state)}
      </span>
    </>
  );
}
