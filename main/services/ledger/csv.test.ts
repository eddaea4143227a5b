import { describe, expect, it } from 'vitest';
import { csvField } from './csv';

describe('csvField', () => {
  it('never hands a spreadsheet a formula: = + - @ tab and CR at the start are prefixed with a quote', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(
      '"\'=HYPERLINK(""https://evil.example"",""x"")"',
    );
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
  });

  it('quotes fields as RFC 4180 asks and leaves numbers, booleans and plain text alone', () => {
    expect(csvField('openai/gpt-4o')).toBe('openai/gpt-4o');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    // A negative number is a number, not text someone crafted.
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(0.0013545)).toBe('0.0013545');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });
});
