import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { shownConversationTitle } from '../../format/conversation-title';

/**
 * Conversations whose files could not be read (moved aside: this says where to), and conversations
 * opened after their damaged tree was repaired (issue 18: a copy of the file as it was is kept).
 */
export function QuarantineNotices({ notices }: { notices: readonly QuarantineNotice[] }) {
  const intl = useIntl();
  const headingId = useId();
  if (notices.length === 0) return null;
  const allRepaired = notices.every((n) => n.kind === 'repaired');
  const heading = intl.formatMessage(
    { id: allRepaired ? 'sidebar.quarantine.repairedHeading' : 'sidebar.quarantine.unreadableHeading' },
    { count: notices.length },
  );
  return (
    <section className="quarantine" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ul>
        {notices.map((notice) => {
          // The title is the person's; the sentence around it is the catalog's (one text node, so the
          // title stays inside the sentence in every language's word order).
          const title = notice.title ? shownConversationTitle(intl, notice.title).text : '';
          const named = { titled: title ? 'yes' : 'no', title };
          const path = (
            <code key="path" className="path" data-i18n-content>
              {notice.path}
            </code>
          );
          return notice.kind === 'repaired' ? (
            <li key={notice.path}>
              <p>
                {intl.formatMessage(
                  { id: 'sidebar.quarantine.repaired' },
                  // Main's note starts "Repaired: "; the sentence before it already says so.
                  { ...named, details: notice.reason.replace(/^Repaired: /, '') },
                )}
              </p>
              <p>{intl.formatMessage({ id: 'sidebar.quarantine.repairedCopy' }, { path })}</p>
            </li>
          ) : (
            <li key={notice.path}>
              <p>
                {intl.formatMessage(
                  { id: 'sidebar.quarantine.unreadable' },
                  { ...named, reason: notice.reason },
                )}
              </p>
              <p>{intl.formatMessage({ id: 'sidebar.quarantine.moved' }, { path })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
