import { memo, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ConversationSummary } from '../../../../common/conversation-types';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { errorNote } from '../../../shared/i18n/error-text';
import type { ExportFormat } from '../../actions/history-actions';
import { useActions } from '../../app-context';
import { formatActivity } from '../../format/activity-time';
import { formatCalendarDay } from '../../format/calendar-day';
import { shownConversationTitle } from '../../format/conversation-title';
import { useModelSummary } from '../../hooks/use-model-summary';
import { MenuButton } from '../menu-button';
import { RenameField } from './rename-field';

interface ConversationItemProps {
  conversation: ConversationSummary;
  selected: boolean;
  /** Called after a delete, so the list can put focus somewhere sensible. */
  onDeleted: () => void;
}

/** One conversation in the sidebar: open it, rename it (F2 or the menu), delete it with Undo. */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  selected,
  onDeleted,
}: ConversationItemProps) {
  const actions = useActions();
  const intl = useIntl();
  const locale = intl.locale as DisplayLocale;
  const [renaming, setRenaming] = useState(false);
  const [refocus, setRefocus] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const shown = shownConversationTitle(intl, conversation.title);
  const titled = shown.own && shown.text !== '';
  const title = shown.text || intl.formatMessage({ id: 'sidebar.conversation.untitled' });
  const retiresOn = useModelSummary(conversation.model)?.expirationDate;

  // After renaming, focus goes back to the conversation, where the person was.
  useEffect(() => {
    if (renaming || !refocus) return;
    openRef.current?.focus();
    setRefocus(false);
  }, [renaming, refocus]);

  const endRename = () => {
    setRenaming(false);
    setRefocus(true);
  };

  const rename = async (next: string) => {
    endRename();
    const result = await actions.conversations.rename(conversation.id, next);
    if (!result.ok) actions.toasts.show(errorNote(result.error), { tone: 'error' });
  };

  const exportAs = async (format: ExportFormat) => {
    const result = await actions.history.export(format, conversation.id);
    if (!result.ok) actions.toasts.show(errorNote(result.error), { tone: 'error' });
    else if (result.value.saved)
      actions.toasts.show(
        intl.formatMessage({ id: 'sidebar.conversation.exported' }, { fileName: result.value.fileName }),
      );
  };

  const remove = async () => {
    const result = await actions.conversations.remove(conversation.id);
    if (!result.ok) {
      actions.toasts.show(errorNote(result.error), { tone: 'error' });
      return;
    }
    const { undoToken } = result.value;
    actions.toasts.show(intl.formatMessage({ id: 'sidebar.conversation.deleted' }, { title }), {
      action: {
        label: intl.formatMessage({ id: 'sidebar.conversation.undo' }),
        run: () =>
          void actions.conversations.restore(undoToken).then((restored) => {
            if (!restored.ok) actions.toasts.show(errorNote(restored.error), { tone: 'error' });
          }),
      },
    });
    onDeleted();
  };

  return (
    <li className={selected ? 'conversation selected' : 'conversation'}>
      {renaming ? (
        <RenameField
          initial={shown.own ? conversation.title : shown.text}
          onSave={(t) => void rename(t)}
          onCancel={endRename}
        />
      ) : (
        <button
          ref={openRef}
          type="button"
          className="conversation-open"
          aria-current={selected ? 'page' : undefined}
          aria-keyshortcuts="F2"
          onClick={() => actions.navigation.open(conversation.id)}
          onKeyDown={(e) => {
            if (e.key === 'F2') {
              e.preventDefault();
              setRenaming(true);
            }
          }}
        >
          <span className="conversation-title" data-i18n-content={titled || undefined}>
            {title}
          </span>
          <span className="conversation-time">
            <span className="visually-hidden">
              {intl.formatMessage({ id: 'sidebar.conversation.lastActive' })}
            </span>
            {formatActivity(conversation.updatedAt, undefined, locale)}
            {/* Part of the button's name, so the marker is heard as well as seen. */}
            {retiresOn && (
              <span
                className="conversation-retiring"
                title={intl.formatMessage(
                  { id: 'sidebar.conversation.retiresOn' },
                  { day: formatCalendarDay(retiresOn, locale) },
                )}
              >
                <span aria-hidden="true"> · </span>
                <span className="visually-hidden">, </span>
                {intl.formatMessage({ id: 'sidebar.conversation.retiring' })}
              </span>
            )}
          </span>
        </button>
      )}
      <MenuButton
        label={intl.formatMessage({ id: 'sidebar.conversation.actions' }, { title })}
        items={[
          {
            label: intl.formatMessage({ id: 'sidebar.conversation.rename' }),
            onSelect: () => setRenaming(true),
          },
          {
            label: intl.formatMessage({ id: 'sidebar.conversation.exportMarkdown' }),
            onSelect: () => void exportAs('markdown'),
          },
          {
            label: intl.formatMessage({ id: 'sidebar.conversation.exportJson' }),
            onSelect: () => void exportAs('json'),
          },
          { label: intl.formatMessage({ id: 'sidebar.conversation.delete' }), onSelect: () => void remove() },
        ]}
      />
    </li>
  );
});
