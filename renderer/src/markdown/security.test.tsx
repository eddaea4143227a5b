import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarkdownView } from './markdown-view';

declare global {
  // Set by the tests; any payload that manages to execute calls it.
  var __xssCanary: (() => void) | undefined;
}

const PAYLOADS: readonly string[] = [
  '<script>window.__xssCanary()</script>',
  'inline <script>window.__xssCanary()</script> script',
  '<img src=x onerror="window.__xssCanary()">',
  'inline <img src=x onerror=window.__xssCanary()> image',
  '<iframe src="https://evil.example/"></iframe>',
  '<svg onload="window.__xssCanary()"><circle/></svg>',
  '<details open ontoggle="window.__xssCanary()"><summary>x</summary></details>',
  '<a href="javascript:window.__xssCanary()">raw anchor</a>',
  '<style>body { display: none }</style>',
  '<object data="https://evil.example/x.swf"></object>',
  '[md link](javascript:window.__xssCanary())',
  '[mixed case](JaVaScRiPt:window.__xssCanary())',
  '[entity](&#106;avascript:window.__xssCanary())',
  '[hex entity](&#x6A;avascript:window.__xssCanary())',
  '[tab](java&#9;script:window.__xssCanary())',
  '[spaces](<  javascript:window.__xssCanary()>)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[data html](data:text/html,<script>window.__xssCanary()</script>)',
  '[vb](vbscript:msgbox(1))',
  '[file](file:///etc/passwd)',
  '[relative](/settings) and [protocol-relative](//evil.example/x)',
  '<javascript:window.__xssCanary()>',
  'Autolink <data:text/html,hi> and <file:///etc/passwd>',
  '![pixel](https://tracker.example/pixel.png?user=1)',
  '![js image](javascript:window.__xssCanary())',
  '[![nested image](https://tracker.example/a.png)](https://example.com/)',
  '[ref link][evil]\n\n[evil]: javascript:window.__xssCanary()',
  '&lt;script&gt;window.__xssCanary()&lt;/script&gt;',
  '$\\href{javascript:window.__xssCanary()}{click}$ and $\\url{javascript:alert(1)}$',
  '$$\n\\htmlData{x=1}{y} \\includegraphics{https://tracker.example/p.png}\n$$',
  '```html\n<script>window.__xssCanary()</script>\n```',
];

const SAFE_HREF = /^(?:https?:|mailto:)/i;
const FORBIDDEN = 'script, img, iframe, object, embed, style, link, meta, form, video, audio, source, base';

function assertInert(root: HTMLElement): void {
  expect(root.querySelectorAll(FORBIDDEN).length).toBe(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.toLowerCase().startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(
        false,
      );
      if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(attribute.name)) {
        expect(attribute.value, `${element.tagName} ${attribute.name}`).toMatch(SAFE_HREF);
      }
    }
  }
  for (const anchor of root.querySelectorAll('a')) {
    expect(anchor.getAttribute('href') ?? '').toMatch(SAFE_HREF);
  }
  // Task-list checkboxes are the only inputs markdown can produce, and they are inert.
  for (const input of root.querySelectorAll('input')) {
    expect(input.type).toBe('checkbox');
    expect(input.disabled).toBe(true);
  }
}

describe('untrusted model output', () => {
  const canary = vi.fn();
  beforeEach(() => {
    canary.mockReset();
    window.__xssCanary = canary;
  });
  afterEach(() => {
    window.__xssCanary = undefined;
  });

  it.each(PAYLOADS)('renders inertly: %s', (payload) => {
    for (const streaming of [true, false]) {
      const onLinkClick = vi.fn();
      const { container, unmount } = render(
        <MarkdownView source={payload} streaming={streaming} onLinkClick={onLinkClick} />,
      );
      assertInert(container);
      for (const element of container.querySelectorAll('a, span, button, summary, details')) {
        fireEvent.click(element);
      }
      for (const [href] of onLinkClick.mock.calls) expect(String(href)).toMatch(SAFE_HREF);
      unmount();
    }
    expect(canary).not.toHaveBeenCalled();
  });

  it('renders every payload together, streamed in chunks, inertly', () => {
    const document = PAYLOADS.join('\n\n');
    const { container, rerender } = render(<MarkdownView source="" streaming onLinkClick={() => {}} />);
    for (let end = 0; end <= document.length; end += 37) {
      rerender(<MarkdownView source={document.slice(0, end)} streaming onLinkClick={() => {}} />);
      assertInert(container);
    }
    rerender(<MarkdownView source={document} streaming={false} onLinkClick={() => {}} />);
    assertInert(container);
    expect(canary).not.toHaveBeenCalled();
  });

  it('keeps blocked links visible as text with their target in the tooltip', () => {
    const { container } = render(
      <MarkdownView source="[click me](javascript:alert(1))" streaming={false} onLinkClick={() => {}} />,
    );
    const blocked = container.querySelector('.md-link-blocked');
    expect(blocked?.textContent).toBe('click me');
    expect(blocked?.getAttribute('title')).toBe('Blocked link: javascript:alert(1)');
    expect(container.querySelector('a')).toBeNull();
  });

  it('shows images as placeholders naming the host, never loading them', () => {
    const { container } = render(
      <MarkdownView
        source="![pixel](https://tracker.example/p.png)"
        streaming={false}
        onLinkClick={() => {}}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('[image: pixel] (tracker.example)');
  });
});
