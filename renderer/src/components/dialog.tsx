import { type ReactNode, type RefObject, useId, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useFocusTrap } from '../hooks/use-focus-trap';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Element to focus on open; the first control otherwise. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Set while another dialog is stacked above this one. */
  inert?: boolean;
  className?: string;
}

/** A modal dialog: labelled by its title, focus kept inside, Escape closes, focus restored after. */
export function Dialog({ title, onClose, children, initialFocusRef, inert = false, className }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const intl = useIntl();
  useFocusTrap(ref, { onEscape: onClose, initialFocusRef });
  return (
    <div className="dialog-backdrop" inert={inert}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={className ? `dialog ${className}` : 'dialog'}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button-quiet" onClick={onClose}>
            {intl.formatMessage({ id: 'common.close' })}
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
