import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { textShowsTarget, toLinkTarget } from './links';
import { MarkdownView } from './markdown-view';

describe('toLinkTarget', () => {
  it.each([
    ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c', 'example.com'],
    ['http://example.com', 'http://example.com/', 'example.com'],
    ['mailto:someone@example.com', 'mailto:someone@example.com', 'someone@example.com'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ['https://paypal.com@evil.example/', 'https://paypal.com@evil.example/', 'evil.example'],
  ])('%s is clickable', (raw, href, display) => {
    expect(toLinkTarget(raw)).toEqual({ href, display });
  });

  it.each([
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
    '/relative',
    '//evil.example/x',
    '#fragment',
    'ftp://example.com/',
    'mailto:',
    '',
    undefined,
  ])('%s is not clickable', (raw) => {
    expect(toLinkTarget(raw)).toBeNull();
  });

  it('knows when the link text already shows the target', () => {
    const target = toLinkTarget('https://example.com/');
    if (target === null) throw new Error('expected a target');
    expect(textShowsTarget('https://example.com', target)).toBe(true);
    expect(textShowsTarget('example.com', target)).toBe(true);
    expect(textShowsTarget('the docs', target)).toBe(false);
    expect(textShowsTarget('https://paypal.com', target)).toBe(false);
  });
});

describe('links in messages', () => {
  it('calls onLinkClick with the URL instead of navigating', async () => {
    const onLinkClick = vi.fn();
    render(
      <MarkdownView
        source="Read [the docs](https://example.com/docs)."
        streaming={false}
        onLinkClick={onLinkClick}
      />,
    );
    const link = screen.getByRole('link', { name: 'the docs (example.com)' });
    const before = window.location.href;
    // fireEvent returns false when a handler called preventDefault.
    expect(fireEvent.click(link)).toBe(false);
    await userEvent.click(link);
    expect(onLinkClick).toHaveBeenCalledTimes(2);
    expect(onLinkClick).toHaveBeenLastCalledWith('https://example.com/docs');
    expect(window.location.href).toBe(before);
  });

  it('shows the target: tooltip with the URL and the host after the text', () => {
    render(
      <MarkdownView
        source="[Click here](https://evil.example/login)"
        streaming={false}
        onLinkClick={() => {}}
      />,
    );
    const link = screen.getByRole('link');
    expect(link.getAttribute('title')).toBe('https://evil.example/login');
    expect(link.getAttribute('href')).toBe('https://evil.example/login');
    expect(link.querySelector('.md-link-host')?.textContent).toBe('(evil.example)');
  });

  it('exposes the real host when the text pretends to be another URL', () => {
    render(
      <MarkdownView
        source="[https://paypal.com](https://evil.example/)"
        streaming={false}
        onLinkClick={() => {}}
      />,
    );
    expect(screen.getByRole('link').textContent).toBe('https://paypal.com (evil.example)');
  });

  it('does not repeat the host for autolinks', () => {
    render(
      <MarkdownView
        source="See https://example.com and <https://example.org/>."
        streaming={false}
        onLinkClick={() => {}}
      />,
    );
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual([
      'https://example.com',
      'https://example.org/',
    ]);
  });

  it('supports mailto links', () => {
    const onLinkClick = vi.fn();
    render(
      <MarkdownView
        source="[Write us](mailto:team@example.com)"
        streaming={false}
        onLinkClick={onLinkClick}
      />,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Write us (team@example.com)' }));
    expect(onLinkClick).toHaveBeenCalledWith('mailto:team@example.com');
  });

  it('uses the latest onLinkClick without re-rendering blocks', () => {
    const first = vi.fn();
    const second = vi.fn();
    const source = '[a](https://a.example/)\n\nmore\n';
    const { rerender } = render(<MarkdownView source={source} streaming={false} onLinkClick={first} />);
    rerender(<MarkdownView source={source} streaming={false} onLinkClick={second} />);
    fireEvent.click(screen.getByRole('link'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('https://a.example/');
  });

  it('makes image placeholders activate the image URL through onLinkClick', () => {
    const onLinkClick = vi.fn();
    render(
      <MarkdownView
        source="![chart](https://cdn.example/c.png)"
        streaming={false}
        onLinkClick={onLinkClick}
      />,
    );
    const placeholder = screen.getByRole('link', { name: '[image: chart] (cdn.example)' });
    expect(fireEvent.click(placeholder)).toBe(false);
    expect(onLinkClick).toHaveBeenCalledWith('https://cdn.example/c.png');
  });

  it('swallows middle clicks so no window opens behind the app', () => {
    render(<MarkdownView source="[x](https://example.com/)" streaming={false} onLinkClick={() => {}} />);
    expect(
      fireEvent(
        screen.getByRole('link'),
        new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }),
      ),
    ).toBe(false);
  });
});
