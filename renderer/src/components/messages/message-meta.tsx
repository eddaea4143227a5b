import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import type { DisplayLocale } from '../../../../common/i18n/locales';
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
  const intl = useIntl();
  const details = message.usage ? usageDetails(message.usage, model, intl) : [];
  const byok = byokNote(message.usage, intl);
  return (
    <p className="message-meta">
      <span>{message.model ?? intl.formatMessage({ id: 'messages.meta.unknownModel' })}</span>
      {message.provider && (
        <span className="message-provider">
          {' '}
          {intl.formatMessage({ id: 'messages.meta.via' }, { provider: message.provider })}
        </span>
      )}
      {details.map((detail) => (
        <span key={detail}>
          <Separator />
          <span className="message-usage-part">{detail}</span>
        </span>
      ))}
      <Separator />
      <span className="message-cost">{formatCost(message.usage?.cost, intl.locale as DisplayLocale)}</span>
      {byok && (
        <>
          <Separator />
          <span className="message-byok">{byok}</span>
        </>
      )}
    </p>
  );
}
