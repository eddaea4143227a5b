import { useId } from 'react';
import type { QuarantineNotice } from '../../../../common/conversation-types';

/**
 * Conversations whose files could not be read (moved aside: this says where to), and conversations
 * opened after their damaged tree was repaired (issue 18: a copy of the file as it was is kept).
 */
export function QuarantineNotices({ notices }: { notices: readonly QuarantineNotice[] }) {
  const headingId = useId();
  if (notices.length === 0) return null;
  const allRepaired = notices.every((n) => n.kind === 'repaired');
  const heading = allRepaired
    ? notices.length === 1
      ? 'A conversation was repaired'
      : 'Some conversations were repaired'
    : notices.length === 1
      ? 'A conversation could not be opened'
      : 'Some conversations could not be opened';
  return (
    <section className="quarantine" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ul>
        {notices.map((notice) => {
          const name = notice.title ? `“${notice.title}”` : 'A conversation';
          return notice.kind === 'repaired' ? (
            <li key={notice.path}>
              <p>
                {name} had damaged links between its messages and was repaired when it opened.{' '}
                {notice.reason.replace(/^Repaired: /, '')}
              </p>
              <p>
                A copy of the file as it was is at <code className="path">{notice.path}</code>
              </p>
            </li>
          ) : (
            <li key={notice.path}>
              <p>
                {name} could not be opened: {notice.reason}
              </p>
              <p>
                Its file was moved, not deleted. It is now at <code className="path">{notice.path}</code>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
