import fc from 'fast-check';

// Test-only: Markdown fragments chosen to stress block boundaries (fences with
// blank lines, fences inside containers, loose lists, lazy lines, HTML blocks
// spanning blank lines, unterminated constructs...).
const FRAGMENTS: readonly string[] = [
  'Plain paragraph with *emphasis*, `code` and a [link](https://example.com).',
  'Second line\ncontinues here',
  '# Heading',
  '## Sub heading\nText right after a heading',
  'Setext\n---',
  'Setext\n===',
  '- a\n- b',
  '- a\n\n- b',
  '1. one\n2. two',
  '1. one\n\n   para in item\n\n2. two',
  '- item\n  - nested\n    - deeper',
  '* star item',
  '+ plus item',
  '- item\n\n  ```js\n  code()\n\n  more\n  ```',
  '- item\n  ```\nnot indented\n```',
  '-\n  item starting blank',
  '```\ncode\n\n\nafter blank\n```',
  '```python\ndef f():\n\n    return 1\n```',
  '~~~\ntilde\n```\nstill\n~~~',
  '````\n```\nnested\n```\n````',
  '```unterminated\ncode',
  '```\n',
  '$$\nx^2\n\ny\n$$',
  '$$\n\\frac12',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '| a | b |\n|---|---|\n| 1 | 2 |\ntrailing row',
  '> quote\n> more',
  '> quote\n\n> another',
  '> ```\n> code\n\n```',
  '<!--\ncomment\n\nstill\n-->',
  '<div>\nhtml\n</div>',
  '<script>\nalert(1)\n\n</script>',
  '    indented code\n\n    more indented',
  'Text\n    not code',
  '***',
  '---',
  'Para $x$ and $$y$$ inline',
  '- a\nlazy continuation',
  '> a\nlazy',
  '2) second start',
  ' - indented one space\n\n   para',
  '   ```\n   three-space fence\n   ```',
  'Autolink <https://example.com> and www.example.com',
  'Line with trailing spaces  \nhard break',
  '\t\ttabbed',
  '1. x\n\n```\nfence after list\n```',
  '- [ ] task\n- [x] done',
  '  - two-space list\n\n    nested para',
  '10. ten\n11. eleven',
  '1.\n   empty first line',
  '<pre>\n\n</pre>',
  '> - list in quote\n>\n> more',
  '- > quote in list\n  > ```\n  > x\n\n  tail',
  '<table>\n<tr><td>x</td></tr>\n\n</table>',
  '<div>\nunclosed div',
  'Footnote-looking [^x] without definition',
  '$$ single line $$',
  '```\n```',
  '~~~~\n~~~\n~~~~',
  '\t- tab list',
  'Text\n```\nfence interrupting a paragraph\n```\nmore text',
  '| no | delimiter |\nnext',
  '- a\n- b\n\n\n- c after two blanks',
  '- item\n\n      indented code in item',
  '>     quoted indented code',
  '- item\n\n  <!-- comment\n\n  -->',
  '- a\n\n  | t |\n  |---|\n  | 1 |',
  '* star\n\n  $$\n  x\n\n  $$',
  '> quote\n>\n> ~~~\n> fenced in quote',
  '1) paren list\n\n   second para',
  'Ünïcödé paragraph',
  '**Bold start** paragraph',
  '!bang start and (paren)',
];

// Fragments whose lines are all "simple" (no containers, indentation or HTML):
// the splitter settles these without asking the parser, so they get their own generator.
const SIMPLE_FRAGMENTS: readonly string[] = [
  'Plain paragraph with *emphasis*, `code` and a [link](https://example.com).',
  'Second line\ncontinues here',
  '# Heading',
  '## Sub heading\nText right after a heading',
  'Setext\n---',
  'Setext\n===',
  '```\ncode\n\n\nafter blank\n```',
  '```python\ndef f():\n\n    return 1\n```',
  '~~~\ntilde\n```\nstill\n~~~',
  '````\n```\nnested\n```\n````',
  '```unterminated\ncode',
  '```\n',
  '```\n```',
  '$$\nx^2\n\ny\n$$',
  '$$\n\\frac12',
  '$$ single line $$',
  '$$$\nx\n$$\ny\n$$$',
  '$$ meta\nx\n $$',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '| a | b |\n|---|---|\n| 1 | 2 |\ntrailing row',
  '| no | delimiter |\nnext',
  '***',
  '---',
  '___',
  'Para $x$ and $$y$$ inline',
  'Text\n```\nfence interrupting a paragraph\n```\nmore text',
  '2) not a list here',
  '10. ten',
  '# Heading\n| a |\n|---|',
  'Trailing fence ``` inline',
];

const DEFINITIONS: readonly string[] = [
  '[ref]: https://example.com',
  'See [ref] here',
  '[^1]: a note',
  'Claim[^1]',
];

const SEPARATORS: readonly string[] = ['\n', '\n\n', '\n\n\n', ' \n\n'];

function documentOf(fragments: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom(...SEPARATORS)), {
      minLength: 1,
      maxLength: 14,
    })
    .chain((parts) =>
      fc.boolean().map((endsWithNewline) => {
        const text = parts.map(([fragment, separator]) => fragment + separator).join('');
        return endsWithNewline ? text : text.replace(/\s+$/, '');
      }),
    );
}

/** Documents without reference/footnote definitions (block splitting applies). */
export const markdownDocument = documentOf(FRAGMENTS);

/** Documents the splitter settles without parser confirmation. */
export const simpleMarkdownDocument = documentOf(SIMPLE_FRAGMENTS);

/** Documents that may contain definitions (whole-document fallback). */
export const markdownDocumentWithDefinitions = documentOf([...FRAGMENTS, ...DEFINITIONS]);

/** Splits `text` into consecutive chunks at the given (sorted, deduplicated) cut points. */
export function chunksOf(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const point of [...points, text.length]) {
    if (point > previous) chunks.push(text.slice(previous, point));
    previous = Math.max(previous, point);
  }
  return chunks;
}
