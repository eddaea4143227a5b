import { render as renderBare, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ReasoningChoice } from '../../../../common/request-options';
import { makeModel } from '../../testing/fixtures';
import { IntlWrapper } from '../../testing/intl';
import { ReasoningControl } from './reasoning-control';

/** Rendered in English from the catalogs, as the app does (docs/i18n.md, step 9). */
const render = (ui: ReactElement) => renderBare(ui, { wrapper: IntlWrapper });

const thinker = makeModel({
  id: 'openai/o3',
  name: 'o3',
  supportedParameters: ['reasoning', 'max_tokens'],
  reasoning: {
    supportedEfforts: ['high', 'medium', 'low'],
    defaultEffort: 'medium',
    defaultEnabled: true,
    mandatory: false,
    supportsMaxTokens: true,
  },
});

const mandatoryEffortOnly = makeModel({
  id: 'x/mandatory',
  name: 'Mandatory',
  supportedParameters: ['reasoning'],
  reasoning: {
    supportedEfforts: ['high', 'low'],
    defaultEffort: 'high',
    defaultEnabled: true,
    mandatory: true,
    supportsMaxTokens: false,
  },
});

function optionNames() {
  return Array.from(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Reasoning' }).options).map(
    (o) => o.textContent,
  );
}

describe('ReasoningControl', () => {
  it("offers the model's efforts, its default first, Off and a token budget", () => {
    render(<ReasoningControl model={thinker} value={null} onChange={() => {}} />);
    expect(optionNames()).toEqual(['Default (Medium)', 'High', 'Medium', 'Low', 'Off', 'Token budget']);
  });

  it('offers no Off for a model whose reasoning is mandatory, and no budget where none is taken', () => {
    render(<ReasoningControl model={mandatoryEffortOnly} value={null} onChange={() => {}} />);
    expect(optionNames()).toEqual(['Default (High)', 'High', 'Low']);
  });

  it('is disabled with the reason for a model without reasoning', () => {
    render(
      <ReasoningControl model={makeModel({ id: 'a/b', name: 'Plain' })} value={null} onChange={() => {}} />,
    );
    const select = screen.getByRole('combobox', { name: 'Reasoning' });
    expect(select).toHaveProperty('disabled', true);
    expect(select.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Plain does not take reasoning settings.')).toBeTruthy();
  });

  it('reports an effort, Off, a budget and back to the default', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(c: ReasoningChoice | null) => void>();
    const { rerender } = render(<ReasoningControl model={thinker} value={null} onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Reasoning' });
    await user.selectOptions(select, 'High');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'effort', effort: 'high' });
    await user.selectOptions(select, 'Off');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'off' });
    await user.selectOptions(select, 'Token budget');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'budget', maxTokens: 4096 });

    rerender(
      <ReasoningControl model={thinker} value={{ kind: 'budget', maxTokens: 4096 }} onChange={onChange} />,
    );
    const budget = screen.getByRole('spinbutton', { name: 'Reasoning token budget' });
    await user.clear(budget);
    await user.type(budget, '2000');
    expect(onChange).toHaveBeenLastCalledWith({ kind: 'budget', maxTokens: 2000 });

    await user.selectOptions(select, 'Default (Medium)');
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('shows a stored choice this model cannot take as the default', () => {
    render(<ReasoningControl model={mandatoryEffortOnly} value={{ kind: 'off' }} onChange={() => {}} />);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Reasoning' }).value).toBe('');
  });
});
