import { useEffect, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import type { VersionControl } from '../../actions/branch-actions';
import { useActions } from '../../app-context';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useRefusalToast } from '../../hooks/use-refusal-toast';

interface VersionSwitcherProps {
  conversationId: string;
  message: Message;
}

/**
 * "Previous version" / "Next version" and "2 / 3" on a message with siblings (issue 18). Switching
 * shows the other version's branch below it. The buttons stop at the first and last version rather
 * than wrap, so "Next version" being unavailable says this is the newest. They are marked
 * aria-disabled, not disabled, so the button just pressed keeps the focus when it reaches an end.
 */
export function VersionSwitcher({ conversationId, message }: VersionSwitcherProps) {
  const actions = useActions();
  const intl = useIntl();
  const activeStream = useActiveStream(conversationId);
  const reportRefusal = useRefusalToast();
  const [switching, setSwitching] = useState(false);
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const indicatorId = useId();

  // The switch replaces this message with its sibling, whose switcher appears in its place: it takes
  // the focus back onto the button that was pressed.
  useEffect(() => {
    const control = actions.branches.takeFocus(message.id);
    if (control === 'previous') previousRef.current?.focus();
    if (control === 'next') nextRef.current?.focus();
  }, [actions, message.id]);

  const branch = message.branch;
  if (!branch) return null;
  const busy = switching || activeStream !== null;
  const atFirst = branch.index === 0;
  const atLast = branch.index === branch.count - 1;

  const go = (control: VersionControl, unavailable: boolean) => {
    if (busy || unavailable) return;
    setSwitching(true);
    void actions.branches.switchVersion(conversationId, message, control).then((result) => {
      setSwitching(false);
      if (!result.ok) reportRefusal(result.error);
    });
  };

  return (
    <div className="version-switcher">
      <button
        ref={previousRef}
        type="button"
        className="button-quiet"
        aria-label={intl.formatMessage({ id: 'messages.version.previous' })}
        aria-describedby={indicatorId}
        aria-disabled={busy || atFirst}
        onClick={() => go('previous', atFirst)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <span className="version-indicator">
        <span aria-hidden="true">
          {branch.index + 1} / {branch.count}
        </span>
        <span id={indicatorId} className="visually-hidden">
          {intl.formatMessage(
            { id: 'messages.version.indicator' },
            { index: branch.index + 1, count: branch.count },
          )}
        </span>
      </span>
      <button
        ref={nextRef}
        type="button"
        className="button-quiet"
        aria-label={intl.formatMessage({ id: 'messages.version.next' })}
        aria-describedby={indicatorId}
        aria-disabled={busy || atLast}
        onClick={() => go('next', atLast)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
