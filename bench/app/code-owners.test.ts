import { describe, expect, it } from 'vitest';
import { codeOwners, codeOwnersDiff, codeTotals } from './code-owners';
import { SnapshotBuilder } from './testing/snapshot-builder';

/** A function in an app chunk, as V8 writes it: its SharedFunctionInfo, script and start position. */
function sharedInfo(b: SnapshotBuilder, name: string, url: string, start: number): number {
  const script = b.node('code', `system / Script / ${url}`, 80);
  const source = b.node('string', `${' '.repeat(start)}function ${name}(e){return e}`);
  b.edge(script, 'internal', 'source', source);
  const scope = b.node('code', 'system / ScopeInfo', 40);
  const position = b.node('number', 'int');
  b.edge(position, 'internal', 'value', b.node('string', String(start)));
  b.edge(scope, 'internal', 'start_position', position);
  const shared = b.node('code', `system / SharedFunctionInfo / ${name}`, 48);
  b.edge(shared, 'internal', 'script', script).edge(shared, 'internal', 'name_or_scope_info', scope);
  return shared;
}

/** Optimized code: the function is named by the SharedFunctionInfoWrapper in its deoptimization data. */
function optimizedCode(
  b: SnapshotBuilder,
  shared: number,
  streamBytes: number,
  sharedTable?: number,
): number {
  const code = b.node('code', 'system / Code', 72);
  const stream = b.node('code', 'system / InstructionStream', streamBytes);
  b.edge(code, 'internal', 'instruction_stream', stream).edge(stream, 'internal', 'code', code);
  const deopt = b.node('code', 'system / ProtectedFixedArray', 100);
  const wrapper = b.node('native', 'system / SharedFunctionInfoWrapper', 8);
  b.edge(wrapper, 'hidden', 0, shared);
  b.edge(deopt, 'hidden', 0, b.node('code', 'system / TrustedByteArray', 50)).edge(
    deopt,
    'hidden',
    3,
    wrapper,
  );
  b.edge(code, 'internal', 'deoptimization_data', deopt);
  if (sharedTable !== undefined) b.edge(code, 'internal', 'source_position_table', sharedTable);
  // The function's closure points at its code too (not an owner: the deoptimization data decides).
  b.edge(b.node('closure', 'f', 32), 'internal', 'code', code);
  return code;
}

function regexpCode(b: SnapshotBuilder, source: string, streamBytes: number): void {
  const data = b.node('native', 'system / IrRegExpData', 112);
  b.edge(data, 'hidden', 0, b.node('string', source));
  const code = b.node('code', 'system / Code', 72);
  const stream = b.node('code', 'system / InstructionStream', streamBytes);
  b.edge(code, 'internal', 'instruction_stream', stream).edge(data, 'hidden', 1, code);
}

describe('codeOwners', () => {
  it('groups optimized, baseline and RegExp code by the function or pattern it belongs to', () => {
    const b = new SnapshotBuilder();
    const app = 'http://127.0.0.1:4000/assets/index-abc.js';
    const render = sharedInfo(b, 'render', app, 12);
    const emptyTable = b.node('code', 'system / TrustedByteArray', 8);
    optimizedCode(b, render, 1_000, emptyTable);
    const parse = sharedInfo(b, 'parse', '', 3);
    optimizedCode(b, parse, 500, emptyTable);
    // Baseline (Sparkplug) code hangs off its SharedFunctionInfo.
    const baseline = b.node('code', 'system / Code', 72);
    b.edge(baseline, 'internal', 'interpreter_data', b.node('code', 'system / BytecodeArray', 80));
    b.edge(render, 'internal', 'trusted_function_data', baseline);
    regexpCode(b, '^\\d+$', 300);
    regexpCode(b, '^\\d+$', 280);
    // A weak edge does not make an owner.
    const stub = b.node('code', 'system / Code', 72);
    b.edge(b.node('code', 'system / FeedbackVector', 40), 'weak', 'code', stub);
    b.edge(b.node('native', 'system / WeakArrayList', 16), 'hidden', 0, stub);

    const owners = codeOwners(b.build());

    expect(owners.get('optimized render assets/index-abc.js @12')).toMatchObject({
      tier: 'optimized',
      origin: 'assets/index-abc.js',
      count: 1,
      // Code 72 + stream 1,000 + deoptimization data 100 + 50 + the shared table 8 (the wrapper is the function's).
      bytes: 72 + 1_000 + 100 + 50 + 8,
      hint: expect.stringContaining('function render(e)'),
    });
    // The empty position table both share is counted once, with the first.
    expect(owners.get('optimized parse (driver) @3')).toMatchObject({
      origin: '(driver)',
      bytes: 72 + 500 + 150,
    });
    expect(owners.get('baseline render assets/index-abc.js @12')).toMatchObject({
      tier: 'baseline',
      count: 1,
    });
    expect(owners.get('regexp /^\\d+$/')).toMatchObject({
      tier: 'regexp',
      count: 2,
      bytes: 72 * 2 + 300 + 280,
    });
    expect(owners.get('other (held by system / WeakArrayList)')).toMatchObject({ tier: 'other', count: 1 });
    expect(Object.fromEntries(codeTotals(owners))).toEqual({
      'optimized (app)': 1_230,
      'optimized (driver)': 722,
      'baseline (app)': 72,
      regexp: 724,
      other: 72,
    });
  });

  it('reports the owners that grew, and a pattern compiled again and again', () => {
    const snapshot = (copies: number, renderBytes: number) => {
      const b = new SnapshotBuilder();
      const render = sharedInfo(b, 'render', 'http://h/assets/a.js', 7);
      optimizedCode(b, render, renderBytes);
      for (let k = 0; k < copies; k++) regexpCode(b, 'per-reply', 100);
      return codeOwners(b.build());
    };
    const lines = codeOwnersDiff(snapshot(1, 100), snapshot(8, 1_124)).join('\n');
    expect(lines).toContain('+1.0 KB  1 → 1  optimized render assets/a.js @7');
    expect(lines).toMatch(/multiplied[^\n]*\n {2}1 → 8 \([\d.]+ KB\) {2}regexp \/per-reply\//);
    expect(codeOwnersDiff(snapshot(1, 100), snapshot(1, 100)).join('\n')).toMatch(
      /multiplied[^\n]*\n {2}none/,
    );
  });
});
