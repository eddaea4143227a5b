import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { useActions, useStores } from '../../app-context';
import { formatCalendarDay } from '../../format/calendar-day';
import { shownConversationTitle } from '../../format/conversation-title';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { ConversationCost } from './conversation-cost';
import { ModelButton } from './model-button';
import { ModelDetailsButton } from './model-details-button';

/** Warns before OpenRouter retires the model this chat sends with, while there is time to switch. */
function RetirementWarning() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const model = useModelSummary(useStoreValue(stores.modelChoice));
  if (!model?.expirationDate) return null;
  return (
    <p className="model-retirement-warning">
      <span>
        {intl.formatMessage(
          { id: 'chat.header.retiresOn' },
          { day: formatCalendarDay(model.expirationDate, intl.locale as DisplayLocale) },
        )}
      </span>
      <button
        type="button"
        className="button-quiet"
        aria-haspopup="dialog"
        onClick={() => actions.dialogs.openPicker('chat')}
      >
        {intl.formatMessage({ id: 'chat.header.pickAnother' })}
      </button>
    </p>
  );
}

/** The open conversation's title (as stored; shown through `shownConversationTitle`), the model picker button, the model's details and Settings. */
export function ChatHeader({ title }: { title: string | null }) {
  const actions = useActions();
  const intl = useIntl();
  const shown = title === null ? null : shownConversationTitle(intl, title);
  return (
    <header className="chat-header">
      {shown === null ? (
        <h2 className="chat-title">{intl.formatMessage({ id: 'chat.header.newChat' })}</h2>
      ) : (
        <h2 className="chat-title" data-i18n-content={shown.own || undefined}>
          {shown.text}
        </h2>
      )}
      <ConversationCost />
      <div className="chat-header-actions">
        <RetirementWarning />
        <ModelButton />
        <ModelDetailsButton />
        <button
          type="button"
          className="button-quiet"
          aria-haspopup="dialog"
          onClick={() => actions.dialogs.openConversationOptions()}
        >
          {intl.formatMessage({ id: 'chat.header.conversationOptions' })}
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-haspopup="dialog"
          aria-keyshortcuts="Control+, Meta+,"
          onClick={() => actions.dialogs.openSettings()}
        >
          {intl.formatMessage({ id: 'chat.header.settings' })}
        </button>
      </div>
    </header>
  );
}
