import { describe, expect, it } from 'vitest';
import { makeModel } from '../testing/fixtures';
import { describeBackend } from './key-storage';
import { formatContextLength, formatModelPrice } from './model-details';
import { formatTokens } from './tokens';
import { byokNote, cacheDiscount, usageDetails } from './usage';
import { formatCost, formatUsd } from './usd';

describe('formatting', () => {
  it('shows tiny costs with two significant digits and unknown cost as a dash', () => {
    expect(formatCost(0.00014)).toBe('$0.00014');
    // A reply's cost is exact: every digit OpenRouter billed (a real usage.cost).
    expect(formatCost(0.000143)).toBe('$0.000143');
    expect(formatCost(0.0013545)).toBe('$0.0013545');
    expect(formatCost(0.1 + 0.2)).toBe('$0.30');
    expect(formatCost(0.05)).toBe('$0.05');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(12.3)).toBe('$12.30');
    expect(formatCost(undefined)).toBe('—');
    expect(formatCost(null)).toBe('—');
    expect(formatUsd(0.5)).toBe('$0.50');
  });

  it('writes context lengths in K and M', () => {
    expect(formatContextLength(128_000)).toBe('128K context');
    expect(formatContextLength(131_072)).toBe('131K context');
    expect(formatContextLength(1_048_576)).toBe('1M context');
    expect(formatContextLength(2_000_000)).toBe('2M context');
    expect(formatContextLength(null)).toBe('Context unknown');
  });

  it('writes prices per million tokens', () => {
    expect(formatModelPrice(makeModel({ id: 'a', name: 'A' }))).toBe('$3.00 / $15.00 per M tokens');
    expect(formatModelPrice(makeModel({ id: 'a', name: 'A', isFree: true }))).toBe('Free');
    expect(
      formatModelPrice(
        makeModel({ id: 'a', name: 'A', promptPricePerMTok: 0.0075, completionPricePerMTok: 0.3 }),
      ),
    ).toBe('$0.0075 / $0.30 per M tokens');
  });

  it('writes token usage', () => {
    expect(formatTokens({ promptTokens: 1234, completionTokens: 5 })).toBe(
      '1,234 prompt / 5 completion tokens',
    );
    expect(formatTokens(null)).toBe('—');
  });

  it('names storage backends in plain words', () => {
    expect(describeBackend('keychain')).toContain('macOS Keychain');
    expect(describeBackend('dpapi')).toContain('Windows DPAPI');
    expect(describeBackend('kwallet5')).toContain('desktop keyring');
    expect(describeBackend('gnome_libsecret')).toContain('desktop keyring');
    expect(describeBackend('basic_text')).toBe(
      'no keyring: the key can only be kept for this session unless you accept weak protection',
    );
  });

  it('lists every billed usage figure, with the discount cached prompt tokens earned', () => {
    const pricing = {
      promptPricePerMTok: 3,
      extraPrices: {
        cacheReadPerMTok: 0.3,
        cacheWritePerMTok: 3.75,
        internalReasoningPerMTok: null,
        webSearchPerRequest: 0.01,
        perImage: null,
        perRequest: null,
      },
    };
    const usage = {
      promptTokens: 2000,
      completionTokens: 50,
      reasoningTokens: 30,
      cachedPromptTokens: 1000,
      cacheWriteTokens: 1,
      imageTokens: 1290,
      webSearchRequests: 2,
    };
    expect(usageDetails(usage, pricing)).toEqual([
      '2,000 prompt / 50 completion tokens',
      '30 reasoning tokens',
      '1,000 cached prompt tokens (saved $0.0027)',
      '1 token written to cache',
      '1,290 image tokens',
      '2 web searches',
    ]);
    // Without a cache price only the count is shown.
    expect(usageDetails({ promptTokens: 5, completionTokens: 1, cachedPromptTokens: 4 })).toEqual([
      '5 prompt / 1 completion tokens',
      '4 cached prompt tokens',
    ]);
    expect(cacheDiscount(1000, { promptPricePerMTok: null, extraPrices: pricing.extraPrices })).toBeNull();
  });

  it('says what a BYOK reply cost upstream', () => {
    expect(byokNote({ promptTokens: 1, completionTokens: 1, isByok: true, upstreamCost: 0.0012 })).toBe(
      'BYOK: upstream $0.0012',
    );
    expect(byokNote({ promptTokens: 1, completionTokens: 1, isByok: true })).toBe('BYOK');
    expect(byokNote({ promptTokens: 1, completionTokens: 1, isByok: false, upstreamCost: 0 })).toBeNull();
    expect(byokNote(null)).toBeNull();
  });
});
