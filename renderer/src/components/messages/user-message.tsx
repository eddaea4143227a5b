import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { describeSpendingLimit } from '../../format/spending';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useCopiedToast } from '../../hooks/use-copied-toast';
import { useRefusalToast } from '../../hooks/use-refusal-toast';
import { UserText } from '../../markdown';
import { CopyButton } from '../copy-button';
import { EditMessageForm } from './edit-message-form';
import { MessageAttachments } from './message-attachments';
import { VersionSwitcher } from './version-switcher';

/** Something the person wrote, shown as they wrote it, with Copy and Edit. */
export function UserMessage({ conversationId, message }: { conversationId: string; message: Message }) {
  const actions = useActions();
  const intl = useIntl();
  const activeStream = useActiveStream(conversationId);
  const [editing, setEditing] = useState(false);
  const copiedToast = useCopiedToast();
  const reportRefusal = useRefusalToast();

  const save = async (content: string): Promise<string | null> => {
    const result = await actions.chat.editAndResend(conversationId, message.id, content);
    if (!result.ok) {
      // A spending limit also gets the toast, for its "Change limit"; the edit stays in the form.
      const limit = describeSpendingLimit(result.error, intl);
      if (limit !== null) reportRefusal(result.error);
      return limit ?? formatAppError(intl, result.error);
    }
    setEditing(false);
    return null;
  };

  const attachments = message.attachments?.length ? (
    <MessageAttachments
      conversationId={conversationId}
      messageId={message.id}
      attachments={message.attachments}
    />
  ) : null;

  return (
    <article aria-label={intl.formatMessage({ id: 'messages.user.label' })} className="message message-user">
      {editing ? (
        <>
          <EditMessageForm initial={message.content} onSave={save} onCancel={() => setEditing(false)} />
          {attachments}
        </>
      ) : (
        <>
          <UserText text={message.content} />
          {attachments}
          <div className="message-actions">
            <VersionSwitcher conversationId={conversationId} message={message} />
            <CopyButton
              text={message.content}
              className="button-quiet"
              disabled={message.content === ''}
              onCopied={copiedToast}
            />
            <button
              type="button"
              className="button-quiet"
              disabled={activeStream !== null}
              onClick={() => setEditing(true)}
            >
              {intl.formatMessage({ id: 'messages.user.edit' })}
            </button>
          </div>
        </>
      )}
    </article>
  );
}
