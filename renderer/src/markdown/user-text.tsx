import type { JSX } from 'react';

export interface UserTextProps {
  text: string;
  className?: string;
}

/** A user's message: plain text with its line breaks kept (CSS pre-wrap); React escapes everything. */
export function UserText({ text, className }: UserTextProps): JSX.Element {
  // The person's text: the pseudo-locale check skips it (docs/i18n.md step 7).
  return (
    <div className={className ? `md-user-text ${className}` : 'md-user-text'} data-i18n-content>
      {text}
    </div>
  );
}
