import { cleanup, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBlockRenderObserver } from '../testing/block-render-log';
import { chunksOf, markdownDocumentWithDefinitions } from '../testing/markdown-documents';
import { BlockSplitter } from './block-splitter';
import { MarkdownView } from './markdown-view';
import type { BlockVariant } from './pipeline';
import { StaticMarkdown } from './static-markdown';

// Every block parse is reported to the observer (the production components have no test hook).
vi.mock('react-markdown', async (importOriginal) => {
  const { observeMarkdownParses } = await import('../testing/block-render-log');
  return observeMarkdownParses(await importOriginal<typeof import('react-markdown')>());
});

// One realistic reply; `n` makes every block of each copy unique, so a render can be traced to its block.
function reply(n: number): string {
  return [
    `# Setting up project ${n}`,
    '',
    `First install the dependencies (${n}). This paragraph has **bold**, \`code\` and a [link](https://example.com/docs/${n}).`,
    '',
    '```bash',
    `npm install ${n}`,
    '',
    'npm run build',
    '```',
    '',
    `## Steps ${n}`,
    '',
    `1. Create config ${n}:`,
    '',
    '   ```json',
    `   { "strict": ${n} }`,
    '   ```',
    '',
    '2. Run the tests',
    `   - unit ${n}`,
    '   - e2e',
    '',
    '| Tool | Purpose |',
    '|------|---------|',
    `| vite | bundling ${n} |`,
    '| vitest | tests |',
    '',
    `The cost is $O(n_${n})$ per update:`,
    '',
    '$$',
    `T_${n}(n) = \\sum_{i=1}^{n} c_i`,
    '$$',
    '',
    `> Note ${n}: blocks settle once finished.`,
    '',
    `<div class="raw-${n}">raw HTML is shown as code</div>`,
    '',
    '```python',
    `def main_${n}():`,
    '',
    '    print("hello")',
    '```',
    '',
    `- [x] parse ${n}`,
    '- [ ] render',
    '',
    `Final words ${n} with ~~strike~~ and more text.`,
    '',
  ].join('\n');
}

const REPLY = reply(0);

/** Markup without the view's grouping wrappers and the formatting newlines between blocks. */
function normalized(container: HTMLElement): string {
  const clone = container.cloneNode(true) as HTMLElement;
  for (const group of clone.querySelectorAll('.md-group')) group.replaceWith(...group.childNodes);
  return clone.innerHTML.replace(/>\s*\n\s*</g, '><');
}

function staticHtml(source: string): string {
  const { container, unmount } = render(<StaticMarkdown source={source} onLinkClick={() => {}} />);
  const html = normalized(container);
  unmount();
  return html;
}

interface RenderLog {
  text: string;
  variant: BlockVariant;
}

function observe(): RenderLog[] {
  const log: RenderLog[] = [];
  setBlockRenderObserver((text, variant) => log.push({ text, variant }));
  return log;
}

afterEach(() => setBlockRenderObserver(null));

function streamIn(source: string, steps: number) {
  const view = render(<MarkdownView source="" streaming onLinkClick={() => {}} />);
  for (let step = 1; step <= steps; step++) {
    const end = Math.round((source.length * step) / steps);
    view.rerender(<MarkdownView source={source.slice(0, end)} streaming onLinkClick={() => {}} />);
  }
  return view;
}

describe('incremental rendering', () => {
  it('never re-renders a settled block while streaming 200 appends', () => {
    const document = [1, 2, 3, 4].map(reply).join('\n');
    const view = render(<MarkdownView source="" streaming onLinkClick={() => {}} />);
    const log = observe();
    // An independent splitter tells which blocks were settled before each update.
    const splitter = new BlockSplitter();
    let settledBefore = new Set<string>();
    let maxParsed = 0;
    for (let step = 1; step <= 200; step++) {
      const source = document.slice(0, Math.round((document.length * step) / 200));
      const before = log.length;
      view.rerender(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
      const rendered = log.slice(before);
      for (const entry of rendered) expect(settledBefore.has(entry.text), entry.text).toBe(false);
      maxParsed = Math.max(maxParsed, ...rendered.map((entry) => entry.text.length));
      splitter.update(source);
      settledBefore = new Set(splitter.settled.map((block) => block.text));
    }
    expect(settledBefore.size).toBeGreaterThanOrEqual(40);
    // Each update parses about one block, never the message.
    expect(maxParsed).toBeLessThan(document.length / 10);

    view.rerender(<MarkdownView source={document} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(document));
  });

  it('does not re-render settled blocks when tokens arrive', () => {
    const source = 'One.\n\nTwo.\n\nThree.\n\n';
    const view = render(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
    const three = view.container.querySelectorAll('p')[2];
    const log = observe();
    let next = source;
    // Emphasis in the tail: a paragraph of plain text so far is rendered without a parse (plain-paragraph.ts).
    for (const piece of ['Fo', 'ur', ' is', ' *still*', ' growing']) {
      next += piece;
      view.rerender(<MarkdownView source={next} streaming onLinkClick={() => {}} />);
    }
    const texts = log.map((entry) => entry.text);
    expect(texts).not.toContain('One.\n\n');
    expect(texts).not.toContain('Two.\n\n');
    // "Three." settles as soon as the next line's first letter shows a new block: the same instance
    // with the same text, so neither a parse nor a new DOM node.
    expect(texts).not.toContain('Three.\n\n');
    expect(view.container.querySelectorAll('p')[2]).toBe(three);
    expect(three?.textContent).toBe('Three.');
    expect(log.at(-1)).toEqual({ text: 'Four is *still* growing', variant: 'plain' });
  });

  it('highlights a settled code block in idle time while streaming', async () => {
    const source = 'Intro\n\n```ts\nconst a = 1;\n```\n\nNext paragraph is streaming';
    const view = render(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1;\n');
    await waitFor(() => expect(view.container.querySelector('.hljs-keyword')?.textContent).toBe('const'));
  });

  it('a list that settles while streaming keeps its DOM and is parsed whole only in idle time', async () => {
    const list = '- alpha **one**\n- beta\n- gamma `three`\n';
    const view = render(<MarkdownView source={`Intro\n\n${list}`} streaming onLinkClick={() => {}} />);
    const firstItem = view.container.querySelector('li');
    expect(firstItem?.textContent).toBe('alpha one');
    const log = observe();
    const source = `Intro\n\n${list}\nThe next paragraph streams on`;
    view.rerender(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
    // The frame that settles the list patches the streaming list in place: no parse of the whole list.
    expect(log.map((entry) => entry.text)).not.toContain(`${list}\n`);
    expect(view.container.querySelector('li')).toBe(firstItem);
    // When the main thread is idle it is rendered as any settled block is: parsed whole, once.
    await waitFor(() => expect(log.map((entry) => entry.text)).toContain(`${list}\n`));
    view.rerender(<MarkdownView source={source} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(source));
  });

  it('matches a one-shot render for every prefix of a streamed reply', () => {
    const view = render(<MarkdownView source="" streaming={false} onLinkClick={() => {}} />);
    for (let end = 0; end <= REPLY.length; end += 53) {
      const prefix = REPLY.slice(0, end);
      view.rerender(<MarkdownView source={prefix} streaming={false} onLinkClick={() => {}} />);
      expect(normalized(view.container)).toBe(staticHtml(prefix));
    }
  });

  it('renders an unterminated fence as <pre> while streaming, then highlights it', () => {
    const source = 'Intro\n\n```ts\nconst a = 1;\nconst b';
    const view = render(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
    expect(view.container.querySelector('pre code')?.textContent).toBe('const a = 1;\nconst b\n');
    expect(view.container.querySelector('.hljs-keyword')).toBeNull();
    view.rerender(
      <MarkdownView source={`${source} = 2;\n\`\`\`\n`} streaming={false} onLinkClick={() => {}} />,
    );
    expect(view.container.querySelector('.hljs-keyword')?.textContent).toBe('const');
  });

  it('resets when the source is edited instead of extended', () => {
    const view = streamIn(REPLY, 40);
    const edited = REPLY.replace('Setting up', 'Tearing down').slice(0, 400);
    view.rerender(<MarkdownView source={edited} streaming onLinkClick={() => {}} />);
    expect(view.container.querySelector('h1')?.textContent).toBe('Tearing down project 0');
    view.rerender(<MarkdownView source={edited} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(edited));
    const regenerated = 'Completely different answer.\n\n- a\n- b\n';
    view.rerender(<MarkdownView source={regenerated} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(regenerated));
  });

  it('renders footnotes and reference links across blocks correctly (whole-document fallback)', () => {
    const document =
      'Claim[^1] and [docs][d].\n\nMiddle paragraph.\n\n[d]: https://example.com/docs\n\n[^1]: The note.\n';
    const view = streamIn(document, 30);
    view.rerender(<MarkdownView source={document} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(document));
    expect(view.container.querySelector('section[data-footnotes]')).not.toBeNull();
    expect(view.container.querySelector('a.md-link')?.getAttribute('href')).toBe('https://example.com/docs');
  });

  it('notices a definition on the unterminated last line', () => {
    const document =
      'A claim[^1] worth checking.\n\nAnother paragraph here.\n\n[^1]: The source of the claim';
    const view = streamIn(document, 25);
    view.rerender(<MarkdownView source={document} streaming={false} onLinkClick={() => {}} />);
    expect(normalized(view.container)).toBe(staticHtml(document));
    expect(view.container.querySelector('section[data-footnotes]')).not.toBeNull();
  });

  it('property: streaming random documents in random chunks ends in the one-shot DOM', () => {
    fc.assert(
      fc.property(
        markdownDocumentWithDefinitions,
        fc.array(fc.nat(), { maxLength: 12 }),
        (document, cuts) => {
          const view = render(<MarkdownView source="" streaming onLinkClick={() => {}} />);
          let source = '';
          for (const chunk of chunksOf(document, cuts)) {
            source += chunk;
            view.rerender(<MarkdownView source={source} streaming onLinkClick={() => {}} />);
          }
          view.rerender(<MarkdownView source={document} streaming={false} onLinkClick={() => {}} />);
          const streamed = normalized(view.container);
          cleanup();
          expect(streamed).toBe(staticHtml(document));
          cleanup();
        },
      ),
      { numRuns: 60 },
    );
  });
});
