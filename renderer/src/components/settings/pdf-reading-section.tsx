import { useId } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import {
  MISTRAL_OCR_USD_PER_PAGE,
  PDF_ENGINE_CHOICES,
  type PdfEngineChoice,
} from '../../../../common/attachment-types';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const PAGES_PRICED = 1000;

/** Each engine as people choose it; the paid one says its price (written once, in common/). */
function engineLabel(choice: PdfEngineChoice, intl: IntlShape): string {
  switch (choice) {
    case 'auto':
      return intl.formatMessage({ id: 'settings.pdf.engine.auto' });
    case 'cloudflare-ai':
      return intl.formatMessage({ id: 'settings.pdf.engine.cloudflare' });
    case 'mistral-ocr':
      return intl.formatMessage(
        { id: 'settings.pdf.engine.mistralOcr' },
        {
          // Whole dollars stay whole (`$2`), in the interface's locale.
          price: intl.formatNumber(MISTRAL_OCR_USD_PER_PAGE * PAGES_PRICED, {
            style: 'currency',
            currency: 'USD',
            minimumFractionDigits: 0,
            maximumFractionDigits: 2,
          }),
          pages: PAGES_PRICED,
        },
      );
    case 'native':
      return intl.formatMessage({ id: 'settings.pdf.engine.native' });
  }
}

/**
 * How OpenRouter reads attached PDFs (its `file-parser` plugin, sent with every request carrying a
 * PDF), so a paid engine is only ever used when chosen here.
 */
export function PdfReadingSection({ value }: { value: PdfEngineChoice }) {
  const intl = useIntl();
  const name = useId();
  const hintId = useId();
  const { save, error } = useSettingSaver();
  return (
    <section className="settings-section" aria-labelledby="settings-pdf-heading">
      <h3 id="settings-pdf-heading">{intl.formatMessage({ id: 'settings.pdf.heading' })}</h3>
      {/* The section's heading names the group: a legend would say it twice. */}
      <fieldset className="settings-field" aria-labelledby="settings-pdf-heading" aria-describedby={hintId}>
        <p id={hintId} className="field-hint">
          {intl.formatMessage({ id: 'settings.pdf.hint' })}
        </p>
        {PDF_ENGINE_CHOICES.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name={name}
              value={choice}
              checked={value === choice}
              onChange={() => void save({ pdfEngine: choice })}
            />
            {engineLabel(choice, intl)}
          </label>
        ))}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </fieldset>
    </section>
  );
}
