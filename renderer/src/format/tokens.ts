import type { Usage } from '../../../common/chat-types';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1,234 prompt / 56 completion tokens`, or an em dash when the usage is unknown. */
export function formatTokens(usage: Usage | null): string {
  if (!usage) return '—';
  return `${integer.format(usage.promptTokens)} prompt / ${integer.format(usage.completionTokens)} completion tokens`;
}
