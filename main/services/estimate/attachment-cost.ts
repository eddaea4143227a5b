import {
  type Attachment,
  MISTRAL_OCR_USD_PER_PAGE,
  type PdfEngineChoice,
  resolvePdfEngine,
} from '../../../common/attachment-types';

/**
 * What attachments add to an estimate (issue 17). No provider publishes one rule for all models, so
 * these are the published rules of the tightest ones, rounded up: the estimate is a range the person
 * sees before sending, and the spending limits compare its high end, so it errs on the high side.
 *
 * - Images: Anthropic's rule, tokens ≈ width × height / 750, and an image is scaled to at most about
 *   1,600 tokens (docs.anthropic.com, "Vision": "Calculate image costs"); an image of unknown size
 *   counts as that most.
 * - PDFs: 3,000 tokens a page, the high end of Anthropic's "1,500-3,000 tokens per page" (docs
 *   "PDF support"), whatever the engine (a parser's text of a page is fewer); Mistral OCR adds its
 *   price per page (https://openrouter.ai/docs/guides/overview/multimodal/pdfs, "Pricing"). A PDF
 *   whose pages were not counted counts as one page per 50 KB.
 * - Audio: 32 tokens a second (Gemini's published rate), at 16,000 bytes a second (128 kbit/s), which
 *   over-counts WAV and most MP3s.
 * - Text files: counted by the tokenizer like the messages (the caller passes the count).
 */
export const IMAGE_MAX_TOKENS = 1_600;
export const PDF_TOKENS_PER_PAGE = 3_000;
export const AUDIO_TOKENS_PER_SECOND = 32;
export const AUDIO_BYTES_PER_SECOND = 16_000;

export function pdfPages(a: Attachment): number {
  return a.pages ?? Math.max(1, Math.ceil(a.byteLength / 50_000));
}

/** Prompt tokens an attachment other than text adds; text files return null (count their text). */
export function attachmentTokens(a: Attachment): number | null {
  switch (a.kind) {
    case 'image':
      return a.size
        ? Math.min(IMAGE_MAX_TOKENS, Math.ceil((a.size.width * a.size.height) / 750))
        : IMAGE_MAX_TOKENS;
    case 'pdf':
      return pdfPages(a) * PDF_TOKENS_PER_PAGE;
    case 'audio':
      return Math.ceil((a.byteLength / AUDIO_BYTES_PER_SECOND) * AUDIO_TOKENS_PER_SECOND);
    case 'text':
      return null;
  }
}

/** USD an attachment adds beyond tokens: Mistral OCR's per-page price when that engine reads PDFs. */
export function attachmentExtraUsd(
  a: Attachment,
  choice: PdfEngineChoice,
  inputModalities: readonly string[],
) {
  if (a.kind !== 'pdf') return 0;
  return resolvePdfEngine(choice, inputModalities) === 'mistral-ocr'
    ? pdfPages(a) * MISTRAL_OCR_USD_PER_PAGE
    : 0;
}
