import { describe, expect, it } from 'vitest';
import { FaultCounters } from './fault-counters';
import { type FaultPlan, parseFaults } from './faults';

function plan(header: string | undefined, model?: string): FaultPlan {
  const result = parseFaults(header, model);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

function problem(header: string | undefined, model?: string): string {
  const result = parseFaults(header, model);
  if (result.ok) throw new Error(`expected "${header}" / "${model}" to be rejected`);
  return result.message;
}

describe('parseFaults', () => {
  it('gives an empty plan when nothing is asked', () => {
    const p = plan(undefined, 'openai/gpt-4o');
    expect(p.modes).toEqual([]);
    expect(p.error).toBeNull();
    expect(p.connection).toBeNull();
  });

  it('reads a comma list from the header, trimming spaces', () => {
    const p = plan(' status-429 , retry-after-7,once ');
    expect(p.error).toEqual({ kind: 'status', status: 429 });
    expect(p.retryAfterSeconds).toBe(7);
    expect(p.failTimes).toBe(1);
    expect(p.key).toBe('status-429,retry-after-7,once');
  });

  it('reads `emulator/a+b` model ids and combines them with the header', () => {
    const p = plan('crlf', 'emulator/keepalive+drip-50+tokens-200');
    expect(p.crlf).toBe(true);
    expect(p.keepalive).toBe(true);
    expect(p.dripTokensPerSecond).toBe(50);
    expect(p.tokens).toBe(200);
  });

  it('parses every stream mode into its field', () => {
    const p = plan('utf8-split,huge-line,usage-in-choices,reasoning,no-done,slow-first-byte-250,error-mid');
    expect(p).toMatchObject({
      utf8Split: true,
      hugeLine: true,
      usageInChoices: true,
      reasoning: true,
      noDone: true,
      slowFirstByteMs: 250,
      midStreamError: 'number',
    });
    expect(plan('error-mid-string-code').midStreamError).toBe('string');
    expect(plan('length-then-error').lengthThenError).toBe(true);
    expect(plan('stall-after').connection).toBe('stall-after');
    expect(plan('context-length').error).toEqual({ kind: 'context-length' });
    expect(plan('availability').error).toEqual({ kind: 'availability' });
    expect(plan('echo-key').error).toEqual({ kind: 'echo-key' });
  });

  it('rejects unknown modes by name, from the header or the model', () => {
    expect(problem('status-429,stal-after')).toContain('"stal-after"');
    expect(problem(undefined, 'emulator/keepalive+nope')).toContain('"nope"');
    expect(problem(undefined, 'emulator/')).toContain('Empty');
    // Names inherited by every object are not modes either.
    expect(problem('toString')).toContain('"toString"');
    expect(problem('constructor')).toContain('"constructor"');
  });

  it('rejects unsupported statuses, out-of-range values and contradictions', () => {
    expect(problem('status-418')).toContain('status-418');
    expect(problem('tokens-100001')).toContain('tokens-100001');
    expect(problem('tokens-0')).toContain('tokens-0');
    expect(problem('drip-0')).toContain('drip-0');
    expect(problem('times-0,status-500')).toContain('times-0');
    expect(problem('status-500,status-502')).toContain('conflicts');
    expect(problem('reset-before,stall-after')).toContain('conflicts');
  });

  it('refuses once / times-n without a failing mode to count', () => {
    expect(problem('once,keepalive')).toContain('needs a failing mode');
    expect(plan('times-3,reset-before').failTimes).toBe(3);
  });
});

describe('FaultCounters', () => {
  it('lets the first n requests per fault string fail, then strips only the failures', () => {
    const counters = new FaultCounters();
    const p = plan('status-503,times-2,keepalive');
    expect(counters.effectivePlan(p).error).not.toBeNull();
    expect(counters.effectivePlan(p).error).not.toBeNull();
    const third = counters.effectivePlan(p);
    expect(third.error).toBeNull();
    expect(third.keepalive).toBe(true);
    // A different fault string has its own budget.
    expect(counters.effectivePlan(plan('status-503,once')).error).not.toBeNull();
    counters.reset();
    expect(counters.effectivePlan(p).error).not.toBeNull();
  });
});
