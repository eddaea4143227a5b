import { type JSX, useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const LABELS: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };
const RESET_AFTER_MS = 2000;

export function CopyButton({ text }: { text: string }): JSX.Element {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async (): Promise<void> => {
    let next: CopyState = 'failed';
    try {
      // The clipboard API is missing outside secure contexts and may reject without focus or permission.
      if (typeof navigator.clipboard?.writeText === 'function') {
        await navigator.clipboard.writeText(text);
        next = 'copied';
      }
    } catch {
      next = 'failed';
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), RESET_AFTER_MS);
  };

  return (
    <>
      <button
        type="button"
        className="md-copy"
        aria-label="Copy code"
        data-state={state}
        onClick={() => {
          void copy();
        }}
      >
        {LABELS[state]}
      </button>
      <span className="md-visually-hidden" role="status">
        {state === 'idle' ? '' : LABELS[state]}
      </span>
    </>
  );
}
