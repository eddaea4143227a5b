import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';

interface RenameFieldProps {
  initial: string;
  onSave: (title: string) => void;
  onCancel: () => void;
}

/** Inline title editor: Enter saves, Escape cancels, leaving the field saves. */
export function RenameField({ initial, onSave, onCancel }: RenameFieldProps) {
  const intl = useIntl();
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  // Enter/Escape unmount the field, which can also blur it: finish only once.
  const finished = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const title = value.trim();
    if (save && title && title !== initial) onSave(title);
    else onCancel();
  };

  return (
    <input
      ref={ref}
      className="rename-field"
      aria-label={intl.formatMessage({ id: 'sidebar.rename.label' })}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
    />
  );
}
