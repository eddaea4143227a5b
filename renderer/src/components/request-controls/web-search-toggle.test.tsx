import { render as renderBare, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { makeModel } from '../../testing/fixtures';
import { IntlWrapper } from '../../testing/intl';
import { WebSearchToggle } from './web-search-toggle';

/** Rendered in English from the catalogs, as the app does (docs/i18n.md, step 9). */
const render = (ui: ReactElement) => renderBare(ui, { wrapper: IntlWrapper });

const free = makeModel({ id: 'm/free:free', name: 'Free', isFree: true, promptPricePerMTok: 0 });
const priced = makeModel({
  id: 'm/priced',
  name: 'Priced',
  extraPrices: {
    cacheReadPerMTok: null,
    cacheWritePerMTok: null,
    internalReasoningPerMTok: null,
    webSearchPerRequest: 0.01,
    perImage: null,
    perRequest: null,
  },
});

describe('WebSearchToggle', () => {
  it('is off by default and shows no price until turned on', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <WebSearchToggle
        model={free}
        settings={{ engine: 'exa', maxResults: 5 }}
        on={false}
        onChange={onChange}
        always={false}
      />,
    );
    const toggle = screen.getByRole('button', { name: 'Web search' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByText(/per search/)).toBeNull();
    await user.click(toggle);
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it("shows Exa's price and that free models are not free when on", () => {
    render(
      <WebSearchToggle
        model={free}
        settings={{ engine: 'exa', maxResults: 12 }}
        on
        onChange={() => {}}
        always={false}
      />,
    );
    const note = screen.getByText(/per search/);
    expect(note.textContent).toContain('about $0.009 per search (Exa, up to 12 results)');
    expect(note.textContent).toContain('Not free on free models');
    expect(note.textContent).toContain('next message only');
  });

  it("uses the model's own web_search price for native and auto", () => {
    render(
      <WebSearchToggle
        model={priced}
        settings={{ engine: 'auto', maxResults: 5 }}
        on
        onChange={() => {}}
        always={false}
      />,
    );
    expect(screen.getByText(/per search/).textContent).toContain("$0.01 per search (the model's own search");
  });

  it('stays on, pressed and disabled, when the conversation always searches', () => {
    render(
      <WebSearchToggle
        model={priced}
        settings={{ engine: 'exa', maxResults: 5 }}
        on={false}
        onChange={() => {}}
        always
      />,
    );
    const toggle = screen.getByRole('button', { name: 'Web search' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/every message in this conversation/)).toBeTruthy();
  });
});
