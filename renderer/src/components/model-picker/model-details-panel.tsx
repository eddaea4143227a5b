import { Fragment } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { ModelSummary } from '../../../../common/chat-types';
import { localeOf } from '../../format/format-intl';
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

function facts(model: ModelSummary, intl: IntlShape): FactRow[] {
  const text = (id: string) => intl.formatMessage({ id });
  const rows: FactRow[] = [];
  if (model.expirationDate) {
    rows.push({
      label: text('modelPicker.details.retires'),
      value: formatRetirementDay(model.expirationDate, localeOf(intl)),
      warning: true,
    });
  }
  if (model.knowledgeCutoff) {
    rows.push({
      label: text('modelPicker.details.cutoff'),
      value: formatKnowledgeCutoff(model.knowledgeCutoff, intl),
    });
  }
  rows.push({
    label: text('modelPicker.details.context'),
    value: formatContextLength(model.contextLength, intl),
  });
  const maxReply = formatMaxCompletion(model.maxCompletionTokens, intl);
  if (maxReply) rows.push({ label: text('modelPicker.details.longestReply'), value: maxReply });
  return [...rows, ...modelPriceRows(model, intl)];
}

/**
 * What a person needs to choose a model, beyond its row: what it is (description, plain text, clamped),
 * how current it is, how much it can read and write, and every price it charges, with its unit.
 */
export function ModelDetailsPanel({ model }: { model: ModelSummary }) {
  const intl = useIntl();
  return (
    <section
      className="model-details"
      aria-label={intl.formatMessage({ id: 'modelPicker.details.label' }, { model: model.name })}
    >
      <h3 className="model-details-name" data-i18n-content>
        {model.name}
      </h3>
      {/* Plain text: a description is upstream text, never rendered as Markdown or HTML. */}
      {model.description && (
        <p className="model-description" data-i18n-content>
          {model.description}
        </p>
      )}
      <dl className="model-facts">
        {facts(model, intl).map((row) => (
          <Fragment key={row.label}>
            <dt>{row.label}</dt>
            <dd className={row.warning ? 'model-retires' : undefined}>{row.value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
