import { useId } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { formatAppError } from '../../../shared/i18n/error-text';
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
          const repairs = (notice.repairs ?? [])
            .map((r) => formatAppError(intl, { message: '', messageId: r.id, values: r.values }))
            .filter((text) => text !== '');
          return notice.kind === 'repaired' ? (
            <li key={notice.path}>
              <p>
                {intl.formatMessage(
                  { id: 'sidebar.quarantine.repaired' },
                  { ...named, details: reasonText(intl, notice) },
                )}
              </p>
              {repairs.length > 0 && (
                <ul className="quarantine-repairs">
                  {repairs.map((text, i) => (
                    // The same repair can be listed twice (two messages, same words); the order is the file's.
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                    <li key={i}>{text}</li>
                  ))}
                </ul>
              )}
              <p>{intl.formatMessage({ id: 'sidebar.quarantine.repairedCopy' }, { path })}</p>
            </li>
          ) : (
            <li key={notice.path}>
              <p>
                {intl.formatMessage(
                  { id: 'sidebar.quarantine.unreadable' },
                  { ...named, reason: reasonText(intl, notice) },
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

/**
 * Why, in the window's language: the notice's catalog message through the one error formatter, so a
 * language switch re-words it; a notice without one (an older main) shows main's English reason.
 */
function reasonText(intl: IntlShape, notice: QuarantineNotice): string {
  if (notice.reasonId !== undefined)
    return formatAppError(intl, {
      message: notice.reason,
      messageId: notice.reasonId,
      values: notice.reasonValues,
    });
  // Main's English note starts "Repaired: "; the sentence before it already says so.
  return notice.kind === 'repaired' ? notice.reason.replace(/^Repaired: /, '') : notice.reason;
}
