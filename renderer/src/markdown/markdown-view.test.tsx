import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from './markdown-view';

function view(source: string, streaming = false): HTMLElement {
  return render(<MarkdownView source={source} streaming={streaming} onLinkClick={() => {}} />).container;
}

describe('MarkdownView rendering', () => {
  it('renders a GFM table inside a horizontally scrollable wrapper', () => {
    const root = view('| Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| pear | 10 |\n');
    const table = root.querySelector('.md-table-scroll > table');
    expect(table).not.toBeNull();
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Qty']);
    expect([...root.querySelectorAll('tbody tr')].length).toBe(2);
  });

  it('renders task lists and nested lists', () => {
    const root = view('- [x] done\n- [ ] todo\n\n1. one\n   - nested a\n   - nested b\n2. two\n');
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((box) => box.checked)).toEqual([true, false]);
    expect(boxes.every((box) => box.disabled)).toBe(true);
    expect([...root.querySelectorAll('ol > li > ul > li')].map((li) => li.textContent)).toEqual([
      'nested a',
      'nested b',
    ]);
  });

  it('renders inline code, strikethrough, emphasis and headings', () => {
    const root = view('# Title\n\nUse `npm test` and ~~never~~ **always** check.\n');
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    const code = root.querySelector('p > code');
    expect(code?.textContent).toBe('npm test');
    expect(root.querySelector('del')?.textContent).toBe('never');
    expect(root.querySelector('strong')?.textContent).toBe('always');
  });

  it('renders fenced code with a language label and highlight classes', () => {
    const root = view('```ts\nconst answer: number = 42;\n```\n');
    expect(root.querySelector('.md-code-lang')?.textContent).toBe('ts');
    const code = root.querySelector('pre code');
    expect(code?.classList.contains('hljs')).toBe(true);
    expect(code?.classList.contains('language-ts')).toBe(true);
    expect(code?.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(code?.textContent).toBe('const answer: number = 42;\n');
  });

  it('leaves unknown languages unhighlighted without failing', () => {
    const root = view('```brainfuck\n++[>+<-]\n```\n');
    expect(root.querySelector('.md-code-lang')?.textContent).toBe('brainfuck');
    expect(root.querySelector('pre code')?.textContent).toBe('++[>+<-]\n');
    expect(root.querySelector('pre code [class^="hljs-"]')).toBeNull();
  });

  it('renders inline and display math with KaTeX', () => {
    const root = view('Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n');
    expect(root.querySelectorAll('.katex').length).toBe(2);
    expect(root.querySelector('.katex-display')).not.toBeNull();
  });

  it('does not throw on invalid TeX', () => {
    const root = view('Broken: $\\frac{1}{$ and $$\n\\begin{nope}\n$$\n');
    expect(root.textContent).toContain('Broken');
  });

  it('shows raw HTML as text, and <br> as a line break', () => {
    const root = view('Press <kbd>Ctrl</kbd>\n\n| a |\n|---|\n| x<br>y |\n');
    expect(root.querySelector('kbd')).toBeNull();
    expect(root.textContent).toContain('<kbd>Ctrl</kbd>');
    expect(root.querySelector('td br')).not.toBeNull();
  });

  it('renders an unterminated fence as a plain code block while streaming', () => {
    const root = view('Intro\n\n```python\ndef f():\n    return 1', true);
    const code = root.querySelector('pre code');
    expect(code?.textContent).toBe('def f():\n    return 1\n');
    expect(code?.querySelector('[class^="hljs-"]')).toBeNull();
    expect(root.querySelector('.md-code-lang')?.textContent).toBe('python');
  });

  it('does not flash a half-typed fence marker as a paragraph', () => {
    const root = view('Intro\n\n``', true);
    expect(root.textContent).toBe('Intro');
  });

  it('shows unterminated display math as TeX source while streaming', () => {
    const root = view('$$\n\\frac{1}{', true);
    expect(root.querySelector('.md-math-pending')?.textContent).toBe('\\frac{1}{');
    expect(root.querySelector('.katex')).toBeNull();
  });

  it('streams its tail in a group with at most 7 settled blocks (the unit the browser repaints each frame)', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const root = view(`${paragraphs}\n\nThe tail is still`, true);
    const groups = [...root.querySelectorAll('.md-root > .md-group')];
    expect(groups.map((group) => group.children.length)).toEqual([8, 8, 8, 8, 8, 1]);
    expect(groups.at(-1)?.lastElementChild?.textContent).toBe('The tail is still');
  });

  it('accepts an extra class name on the root', () => {
    const root = view('x');
    expect(root.firstElementChild?.className).toBe('md-root');
    const other = render(
      <MarkdownView source="x" streaming={false} onLinkClick={() => {}} className="msg" />,
    );
    expect(other.container.firstElementChild?.className).toBe('md-root msg');
  });
});
