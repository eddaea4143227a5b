import { describe, expect, it } from 'vitest';
import { splitBlocks } from './split-blocks';

describe('splitBlocks', () => {
  it('cuts top-level blocks and keeps tables, fences and $$ math whole', () => {
    const text =
      '# Title\n\nSome *text*.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```ts\nconst x = 1;\n\nconst y = 2;\n```\n\n$$\nx^2\n\n$$\n\n- one\n- two\n';
    const blocks = splitBlocks(text);
    expect(blocks.join('')).toBe(text);
    expect(blocks.map((block) => block.trimEnd())).toEqual([
      '# Title',
      'Some *text*.',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '```ts\nconst x = 1;\n\nconst y = 2;\n```',
      '$$\nx^2\n\n$$',
      '- one\n- two',
    ]);
  });

  it('leaves earlier blocks unchanged as the text grows (only the last one changes)', () => {
    const before = splitBlocks('Para one.\n\nPara tw');
    const after = splitBlocks('Para one.\n\nPara two and more');
    expect(after[0]).toBe(before[0]);
    expect(after).toHaveLength(2);
  });
});
