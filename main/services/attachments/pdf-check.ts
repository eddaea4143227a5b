/** How far from the end `%%EOF` may be (trailing whitespace or junk some writers add). */
const EOF_WINDOW = 1024;

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

/**
 * Whether the bytes (which start `%PDF-`) look like a whole PDF: a known version header (1.0–1.7 or
 * 2.0) and `%%EOF` within the last 1,024 bytes. A file cut short in a download or copy has no
 * `%%EOF`; sending it would only get the person an engine error (or a paid OCR run) later.
 * Nothing is parsed beyond that: PDF engines at OpenRouter read the file.
 */
export function pdfProblem(b: Uint8Array): 'damaged' | null {
  if (!/^%PDF-(1\.[0-7]|2\.0)/.test(latin1(b.subarray(0, 8)))) return 'damaged';
  if (!latin1(b.subarray(Math.max(0, b.length - EOF_WINDOW))).includes('%%EOF')) return 'damaged';
  return null;
}

/**
 * A rough page count for the cost estimate of Mistral OCR (priced per page): the page objects
 * (`/Type /Page`, not `/Type /Pages`) written in the clear. Null when there are none to see: PDFs
 * that keep their objects in compressed object streams show none (the estimate then guesses from
 * the byte length; `Attachment.pages` stays absent).
 */
export function countPdfPages(b: Uint8Array): number | null {
  const matches = latin1(b).match(/\/Type\s*\/Page(?![A-Za-z0-9])/g);
  return matches ? matches.length : null;
}

/** The page count, or 1 when the pages cannot be counted: an estimate is never zero. */
export function estimatePdfPages(b: Uint8Array): number {
  return countPdfPages(b) ?? 1;
}
