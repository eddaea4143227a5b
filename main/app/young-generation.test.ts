import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  keepYoungGenerationSmall,
  NORMAL_YOUNG_GENERATION_FLAG,
  SMALL_YOUNG_GENERATION_FLAG,
} from './young-generation';

/**
 * A child Node process that sets `flag` (if any) the way main does, after start, then does what
 * loading the saved search index does to the heap — many small objects that stay alive — and
 * prints the new space's committed size in MB.
 */
function newSpaceAfterRetainedAllocations(flag: string | null): number {
  const script = `
    const v8 = require('node:v8');
    if (process.argv[1]) v8.setFlagsFromString(process.argv[1]);
    const kept = [];
    for (let i = 0; i < 600000; i++) kept.push('term' + i + ':' + (i * 7919).toString(36));
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(space.space_size / 1024 / 1024) + ' ' + kept.length);
  `;
  const out = execFileSync(process.execPath, ['-e', script, '--', flag ?? ''], { encoding: 'utf8' });
  return Number(out.split(' ')[0]);
}

describe('keepYoungGenerationSmall', () => {
  it('sets the small young generation at once, and the normal growth only while bulk work runs', async () => {
    const flags: string[] = [];
    const heap = keepYoungGenerationSmall((f) => flags.push(f));
    expect(flags).toEqual([SMALL_YOUNG_GENERATION_FLAG]);
    let during: string[] = [];
    const result = await heap.bulkWork(async () => {
      // Nested bulk work (two builds overlapping) does not shrink it back early.
      await heap.bulkWork(async () => undefined);
      during = [...flags];
      return 42;
    });
    expect(result).toBe(42);
    expect(during).toEqual([SMALL_YOUNG_GENERATION_FLAG, NORMAL_YOUNG_GENERATION_FLAG]);
    expect(flags).toEqual([
      SMALL_YOUNG_GENERATION_FLAG,
      NORMAL_YOUNG_GENERATION_FLAG,
      SMALL_YOUNG_GENERATION_FLAG,
    ]);
  });

  it('goes back to the small young generation when bulk work fails', async () => {
    const flags: string[] = [];
    const heap = keepYoungGenerationSmall((f) => flags.push(f));
    await expect(
      heap.bulkWork(async () => {
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(flags.at(-1)).toBe(SMALL_YOUNG_GENERATION_FLAG);
  });

  it("holds V8's new space at its initial size when set after start (this Node's V8)", () => {
    const grown = newSpaceAfterRetainedAllocations(null);
    const small = newSpaceAfterRetainedAllocations(SMALL_YOUNG_GENERATION_FLAG);
    // Without the flag the new space grows to several times its start size; with it, it stays put.
    expect(grown).toBeGreaterThanOrEqual(8);
    expect(small).toBeLessThanOrEqual(2);
  });
});
