import { describe, expect, it } from 'vitest';
import { countPdfPages, estimatePdfPages, pdfProblem } from './pdf-check';
import { pdfBytes, utf8 } from './testing/sample-files';

describe('pdfProblem', () => {
  it('accepts PDF 1.x and 2.0 ending in %%EOF (trailing whitespace and padding allowed)', () => {
    expect(pdfProblem(pdfBytes())).toBeNull();
    expect(pdfProblem(pdfBytes(1, { version: '2.0' }))).toBeNull();
    const padded = new Uint8Array([...pdfBytes(), ...new Uint8Array(900).fill(0x20)]);
    expect(pdfProblem(padded)).toBeNull();
  });

  it('calls a PDF without %%EOF near its end damaged', () => {
    expect(pdfProblem(pdfBytes(1, { withEof: false }))).toBe('damaged');
    const eofTooEarly = new Uint8Array([...pdfBytes(), ...new Uint8Array(2000).fill(0x20)]);
    expect(pdfProblem(eofTooEarly)).toBe('damaged');
  });

  it('calls a file with an unknown version header damaged', () => {
    expect(pdfProblem(utf8('%PDF-9.9\n%%EOF\n'))).toBe('damaged');
  });
});

describe('estimatePdfPages', () => {
  it('counts page objects, not the page tree', () => {
    expect(estimatePdfPages(pdfBytes(1))).toBe(1);
    expect(estimatePdfPages(pdfBytes(7))).toBe(7);
  });

  it('says at least one page when the pages are hidden in compressed object streams', () => {
    const compressed = utf8('%PDF-1.7\n<< /Type /ObjStm >>\n<< /Type /Pages /Count 9 >>\n%%EOF\n');
    expect(countPdfPages(compressed)).toBeNull();
    expect(estimatePdfPages(compressed)).toBe(1);
  });
});
