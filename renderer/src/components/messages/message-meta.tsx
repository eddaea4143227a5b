import type { Message } from '../../../../common/conversation-types';
import { byokNote, usageDetails } from '../../format/usage';
import { formatCost } from '../../format/usd';
import { useModelSummary } from '../../hooks/use-model-summary';

function Separator() {
  return <span aria-hidden="true"> · </span>;
}

/**
 * Which model (and provider) answered, every figure OpenRouter billed for the reply, and its exact
 * cost. One compact line of plain words, so a screen reader reads the same details a sighted person sees.
 */
export function MessageMeta({ message }: { message: Message }) {
  // Cache prices come from the model list; a served variant it does not list just shows counts.
  const model = useModelSummary(message.model);
  const details = message.usage ? usageDetails(message.usage, model) : [];
  const byok = byokNote(message.usage);
  return (
    <p className="message-meta">
      <span>{message.model ?? 'Unknown model'}</span>
      {message.provider && <span className="message-provider"> via {message.provider}</span>}
      {details.map((detail) => (
        <span key={detail}>
          <Separator />
          <span className="message-usage-part">{detail}</span>
        </span>
      ))}
      <Separator />
      <span className="message-cost">{formatCost(message.usage?.cost)}</span>
      {byok && (
        <>
          <Separator />
          <span className="message-byok">{byok}</span>
        </>
      )}
    </p>
  );
}
