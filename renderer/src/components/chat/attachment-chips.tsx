import { useLayoutEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useActions } from '../../app-context';
import type { StagedChip } from '../../state/staged-attachments-store';
import { AttachmentChip } from './attachment-chip';

interface AttachmentChipsProps {
  chips: readonly StagedChip[];
  /** Where focus goes when the last chip is removed (the message box). */
  focusAfterLast: () => void;
}

/**
 * The composer's attached files, in order. Removing one by keyboard keeps the person's place: focus
 * moves to the next chip's remove button, or to the message box after the last one.
 */
export function AttachmentChips({ chips, focusAfterLast }: AttachmentChipsProps) {
  const actions = useActions();
  const intl = useIntl();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  /** After a removal: the chip to focus next (null: the message box); undefined: nothing pending. */
  const focusNext = useRef<string | null | undefined>(undefined);

  useLayoutEffect(() => {
    const next = focusNext.current;
    if (next === undefined) return;
    focusNext.current = undefined;
    const button = next === null ? undefined : buttons.current.get(next);
    if (button) button.focus();
    else focusAfterLast();
  });

  const remove = (id: string) => {
    const index = chips.findIndex((c) => c.id === id);
    focusNext.current = chips[index + 1]?.id ?? null;
    actions.attachments.remove(id);
  };

  if (chips.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label={intl.formatMessage({ id: 'chat.attachments.list' })}>
      {chips.map((chip) => (
        <AttachmentChip
          key={chip.id}
          chip={chip}
          onRemove={remove}
          ref={(button) => {
            if (button) buttons.current.set(chip.id, button);
            else buttons.current.delete(chip.id);
          }}
        />
      ))}
    </ul>
  );
}
