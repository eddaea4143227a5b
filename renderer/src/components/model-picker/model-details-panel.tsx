import { Fragment } from 'react';
import type { ModelSummary } from '../../../../common/chat-types';
import {
  formatContextLength,
  formatKnowledgeCutoff,
  formatMaxCompletion,
  modelPriceRows,
  type PriceRow,
} from '../../format/model-details';
import { formatRetirementDay } from './retirement';

interface FactRow extends PriceRow {
  warning?: boolean;
}

function facts(model: ModelSummary): FactRow[] {
  const rows: FactRow[] = [];
  if (model.expirationDate) {
    rows.push({ label: 'Retires on', value: formatRetirementDay(model.expirationDate), warning: true });
  }
  if (model.knowledgeCutoff) {
    rows.push({ label: 'Knowledge cutoff', value: formatKnowledgeCutoff(model.knowledgeCutoff) });
  }
  rows.push({ label: 'Context', value: formatContextLength(model.contextLength) });
  const maxReply = formatMaxCompletion(model.maxCompletionTokens);
  if (maxReply) rows.push({ label: 'Longest reply', value: maxReply });
  return [...rows, ...modelPriceRows(model)];
}

/**
 * What a person needs to choose a model, beyond its row: what it is (description, plain text, clamped),
 * how current it is, how much it can read and write, and every price it charges, with its unit.
 */
export function ModelDetailsPanel({ model }: { model: ModelSummary }) {
  return (
    <section className="model-details" aria-label={`Details of ${model.name}`}>
      <h3 className="model-details-name">{model.name}</h3>
      {/* Plain text: a description is upstream text, never rendered as Markdown or HTML. */}
      {model.description && <p className="model-description">{model.description}</p>}
      <dl className="model-facts">
        {facts(model).map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd className={row.warning ? 'model-retires' : undefined}>{row.value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
