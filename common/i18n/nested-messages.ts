/**
 * Catalog messages whose placeholder values may themselves be catalog messages (`{ messageId, values }`,
 * issue 20): the routing refusal carries the settings problem that stopped the send that way, so a
 * window words the problem in its own language rather than showing main's English sentence inside a
 * translated one. One level deep: a nested message's own values are plain (common/errors.ts checks
 * this at the bridge), so nothing here recurses.
 */

/** A placeholder's plain value. */
export type PlainMessageValues = Readonly<Record<string, string | number>>;

/** A catalog message as a placeholder's value; its own values are plain. */
export interface NestedMessage {
  readonly messageId: string;
  readonly values?: PlainMessageValues;
}

/** A message's values: plain, or a nested message. */
export type MessageValues = Readonly<Record<string, string | number | NestedMessage>>;

/** What formats one catalog message: FormatJS's `IntlShape`, in main and in the windows. */
export interface MessageFormatter {
  formatMessage(descriptor: { id: string }, values?: Record<string, string | number>): string;
}

/** The ids of the nested messages in `values` (the formatter checks its catalogs know them). */
export function nestedMessageIds(values: MessageValues | undefined): string[] {
  return Object.values(values ?? {}).flatMap((value) => (typeof value === 'object' ? [value.messageId] : []));
}

/** Message `id` in `formatter`'s language, each nested message worded first in the same language. */
export function formatWithNestedMessages(
  formatter: MessageFormatter,
  id: string,
  values: MessageValues | undefined,
): string {
  if (values === undefined) return formatter.formatMessage({ id });
  const worded: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values))
    worded[name] =
      typeof value === 'object'
        ? formatter.formatMessage({ id: value.messageId }, { ...value.values })
        : value;
  return formatter.formatMessage({ id }, worded);
}
