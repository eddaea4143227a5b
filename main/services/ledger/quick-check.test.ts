import { describe, expect, it } from 'vitest';
import { LedgerEntrySchema } from '../../../common/spending-types';
import { quickLedgerEntry } from './quick-check';
import { ledgerEntry } from './testing/entries';

const WEIRD: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(101),
  'x'.repeat(201),
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '0.5',
  true,
  [],
  {},
  'exact',
  'estimated',
  'maybe',
];

describe('the quick ledger line check', () => {
  it('accepts a valid entry exactly as the schema parses it', () => {
    const entry = ledgerEntry({ generationId: null, provider: null, upstreamCostUsd: 0.2, byok: true });
    expect(quickLedgerEntry({ ...entry, extra: 'dropped' })).toEqual(LedgerEntrySchema.parse(entry));
  });

  it('never accepts a value the schema refuses (every field × odd values, and missing fields)', () => {
    const base = ledgerEntry();
    let refused = 0;
    for (const field of Object.keys(base)) {
      const missing: Record<string, unknown> = { ...base };
      delete missing[field];
      for (const candidate of [missing, ...WEIRD.map((w) => ({ ...base, [field]: w }))]) {
        const schema = LedgerEntrySchema.safeParse(candidate);
        const quick = quickLedgerEntry(candidate);
        if (!schema.success) {
          refused++;
          expect(quick, `${field}: ${JSON.stringify(candidate[field as keyof typeof candidate])}`).toBeNull();
        } else if (quick) expect(quick).toEqual(schema.data);
      }
    }
    expect(refused).toBeGreaterThan(150);
    for (const w of WEIRD) expect(quickLedgerEntry(w)).toBeNull();
  });
});
