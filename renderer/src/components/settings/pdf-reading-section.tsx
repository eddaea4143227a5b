import { useId } from 'react';
import {
  MISTRAL_OCR_USD_PER_PAGE,
  PDF_ENGINE_CHOICES,
  type PdfEngineChoice,
} from '../../../../common/attachment-types';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const PAGES_PRICED = 1000;

/** Each engine as people choose it; the paid one says its price (written once, in common/). */
const ENGINE_LABELS: Readonly<Record<PdfEngineChoice, string>> = {
  auto: "The model's own reading when it has one, else the free parser",
  'cloudflare-ai': 'Free parser (Cloudflare AI)',
  'mistral-ocr': `OCR for scanned PDFs (Mistral OCR, $${MISTRAL_OCR_USD_PER_PAGE * PAGES_PRICED} per ${PAGES_PRICED.toLocaleString('en-US')} pages)`,
  native: "The model's own reading only",
};

/**
 * How OpenRouter reads attached PDFs (its `file-parser` plugin, sent with every request carrying a
 * PDF), so a paid engine is only ever used when chosen here.
 */
export function PdfReadingSection({ value }: { value: PdfEngineChoice }) {
  const name = useId();
  const hintId = useId();
  const { save, error } = useSettingSaver();
  return (
    <section className="settings-section" aria-labelledby="settings-pdf-heading">
      <h3 id="settings-pdf-heading">PDF reading</h3>
      {/* The section's heading names the group: a legend would say it twice. */}
      <fieldset className="settings-field" aria-labelledby="settings-pdf-heading" aria-describedby={hintId}>
        <p id={hintId} className="field-hint">
          How attached PDFs are read. Models without their own reading get the text from a parser.
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
            {ENGINE_LABELS[choice]}
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
