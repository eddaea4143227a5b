// Test-only: replies whose every prefix is a hard case for a streaming renderer (unterminated
// emphasis, links, code spans, fences, tables and math). Prose outside code deliberately holds no
// literal `*`, `_`, `` ` ``, `[`, `]`, `|` or `$$`, so any of them on screen is syntax shown as text.
export const TRICKY_DOCUMENTS: Readonly<Record<string, string>> = {
  inline:
    'Use **bold text** and _italic text_ with `inline code` and a [link to docs](https://example.com/docs) here.\n\n' +
    'Then ***both at once*** and ~~struck~~ words, `a` and `b` spans, and **bold with `code` inside** too.\n',
  fence:
    'Before the code:\n\n' +
    "```ts\nconst a = '**not bold**';\nconst b = `[not](a link)`;\n\nfunction f(x) { return x | 0; }\n```\n\n" +
    'After the code, **bold** again.\n',
  table:
    'Costs:\n\n' +
    '| Step | Cost | Note |\n| --- | ---: | :-- |\n| parse | **3 ms** | the _tail_ |\n| layout | `1 ms` | [docs](https://example.com/l) |\n\n' +
    'Done with the table.\n',
  math:
    'Inline math $x^2 + y^2$ and a display block:\n\n' +
    '$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n\n' +
    'After the math, **more** text.\n',
  lists:
    'Steps:\n\n1. Install with `npm install`\n2. Run **the build**\n   - nested [item](https://example.com/x)\n3. Check _results_\n\n' +
    '- [ ] task one\n- [x] task **two**\n',
  mixed:
    '# Title with **bold**\n\n> Quoted _words_ and `code`.\n\n' +
    '```\nplain fence ** __ ` [ ] | $$\n```\n\n' +
    'A paragraph with a [link **inside** it](https://example.com/in) ends.\n',
};
