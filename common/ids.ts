import { z } from 'zod';

/** Ids the window may name in a request: letters, digits, `_` and `-`, so they are safe in file names. */
export const ConversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const MessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
