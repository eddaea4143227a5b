/**
 * The text of a message that search indexes and snippets are cut from: its content, then the names of
 * its attachments, one per line (issue 17), so "report.pdf" finds the message it was attached to.
 * Defensive about the shape: the start-up build reads files without full validation (index-source.ts).
 */
export function searchableText(message: { content: string; attachments?: unknown }): string {
  const attachments = message.attachments;
  if (!Array.isArray(attachments) || attachments.length === 0) return message.content;
  const names: string[] = [];
  for (const a of attachments) {
    const name = (a as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names.push(name);
  }
  return names.length === 0 ? message.content : `${message.content}\n${names.join('\n')}`;
}
