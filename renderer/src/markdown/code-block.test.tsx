import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkdownView } from './markdown-view';

const CODE = 'def greet(name):\n    return f"hi {name}"  \n\n\tprint(greet("<b>"))';
const SOURCE = `Here:\n\n\`\`\`python\n${CODE}\n\`\`\`\n`;

function stubClipboard(writeText: ((text: string) => Promise<void>) | undefined): void {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: writeText === undefined ? undefined : { writeText },
  });
}

afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('code block copy button', () => {
  it('copies the exact code text and says "Copied"', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard(writeText);
    render(<MarkdownView source={SOURCE} streaming={false} onLinkClick={() => {}} />);
    const button = screen.getByRole('button', { name: 'Copy code' });
    expect(button.textContent).toBe('Copy');
    await userEvent.click(button);
    expect(writeText).toHaveBeenCalledWith(CODE);
    expect(button.textContent).toBe('Copied');
    expect(screen.getByRole('status').textContent).toBe('Copied');
  });

  it('says "Copy failed" when the clipboard rejects, then recovers', async () => {
    vi.useFakeTimers();
    stubClipboard(() => Promise.reject(new Error('denied')));
    render(<MarkdownView source={SOURCE} streaming={false} onLinkClick={() => {}} />);
    const button = screen.getByRole('button', { name: 'Copy code' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(button.textContent).toBe('Copy failed');
    act(() => {
      vi.advanceTimersByTime(2500);
    });
    expect(button.textContent).toBe('Copy');
  });

  it('says "Copy failed" when there is no clipboard API', async () => {
    stubClipboard(undefined);
    render(<MarkdownView source={SOURCE} streaming={false} onLinkClick={() => {}} />);
    const button = screen.getByRole('button', { name: 'Copy code' });
    await userEvent.click(button);
    expect(button.textContent).toBe('Copy failed');
  });

  it('copies the partial code of a block that is still streaming', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard(writeText);
    render(<MarkdownView source={'```js\nconst a = 1;\nconst b'} streaming onLinkClick={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('const a = 1;\nconst b');
  });

  it('labels code without a language as text', () => {
    render(<MarkdownView source={'```\nplain\n```\n'} streaming={false} onLinkClick={() => {}} />);
    expect(screen.getByText('text').className).toBe('md-code-lang');
  });
});
