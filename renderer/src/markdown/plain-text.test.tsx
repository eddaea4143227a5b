import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ReasoningView } from './reasoning-view';
import { UserText } from './user-text';

describe('UserText', () => {
  it('shows text verbatim, keeping newlines, never as HTML or Markdown', () => {
    const text = 'line one\n**not bold** <img src=x onerror=alert(1)>\n\n  indented';
    const { container } = render(<UserText text={text} />);
    const root = container.firstElementChild;
    expect(root?.className).toBe('md-user-text');
    expect(root?.textContent).toBe(text);
    expect(container.querySelector('img, strong')).toBeNull();
  });
});

describe('ReasoningView', () => {
  it('is collapsed by default and renders its text only when opened', async () => {
    const text = 'Step 1: think.\n<script>alert(1)</script>';
    const { container } = render(<ReasoningView text={text} streaming />);
    const details = container.querySelector('details');
    expect(details?.open).toBe(false);
    expect(screen.getByText('Reasoning').tagName).toBe('SUMMARY');
    expect(container.textContent).toBe('Reasoning');

    await userEvent.click(screen.getByText('Reasoning'));
    const body = await screen.findByText((_content, element) => element?.className === 'md-reasoning-text');
    expect(body.textContent).toBe(text);
    expect(container.querySelector('script')).toBeNull();
  });
});
