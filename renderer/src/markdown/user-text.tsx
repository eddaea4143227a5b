import type { JSX } from 'react';

export interface UserTextProps {
  text: string;
  className?: string;
}

/** A user's message: plain text with its line breaks kept (CSS pre-wrap); React escapes everything. */
export function UserText({ text, className }: UserTextProps): JSX.Element {
  return <div className={className ? `md-user-text ${className}` : 'md-user-text'}>{text}</div>;
}
