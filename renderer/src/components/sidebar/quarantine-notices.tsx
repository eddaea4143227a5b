import { useId } from 'react';
import type { QuarantineNotice } from '../../../../common/conversation-types';

/** Conversations whose files could not be read: they were moved aside, and this says where to. */
export function QuarantineNotices({ notices }: { notices: readonly QuarantineNotice[] }) {
  const headingId = useId();
  if (notices.length === 0) return null;
  return (
    <section className="quarantine" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {notices.length === 1
          ? 'A conversation could not be opened'
          : 'Some conversations could not be opened'}
      </h2>
      <ul>
        {notices.map((notice) => (
          <li key={notice.path}>
            <p>
              {notice.title ? `“${notice.title}”` : 'A conversation'} could not be opened: {notice.reason}
            </p>
            <p>
              Its file was moved, not deleted. It is now at <code className="path">{notice.path}</code>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
