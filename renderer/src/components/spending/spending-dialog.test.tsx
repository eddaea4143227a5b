import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SpendingSummary } from '../../../../common/spending-types';
import { localDay } from '../../format/spending';
import { renderApp } from '../../testing/render-app';

const TODAY = localDay(new Date());
const YESTERDAY = localDay(new Date(Date.now() - 24 * 60 * 60 * 1000));

function summary(partial: Partial<SpendingSummary> = {}): SpendingSummary {
  return {
    days: [
      { day: YESTERDAY, totalUsd: 0.5, byModel: { 'openai/gpt-4.1': 0.5 }, estimated: false },
      {
        day: TODAY,
        totalUsd: 0.0123,
        byModel: { 'openai/gpt-4.1': 0.01, 'anthropic/claude-sonnet-4': 0.0023 },
        estimated: true,
      },
    ],
    todayUsd: 0.0123,
    thisMonthUsd: 0.5123,
    byModel: [
      { model: 'openai/gpt-4.1', totalUsd: 0.51, replies: 3 },
      { model: 'anthropic/claude-sonnet-4', totalUsd: 0.0023, replies: 1 },
    ],
    rangeTotalUsd: 0.5123,
    damaged: 0,
    ...partial,
  };
}

function factsOf(container: HTMLElement): string[] {
  return [...container.querySelectorAll('dt')].map(
    (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
  );
}

async function openSpending(value: SpendingSummary = summary()) {
  const view = renderApp();
  view.fake.override('getSpending', async () => ({ ok: true, value }));
  await view.user.click(await screen.findByRole('button', { name: 'Spending' }));
  const dialog = await screen.findByRole('dialog', { name: 'Spending' });
  return { ...view, dialog };
}

describe('the Spending view', () => {
  it('shows the totals beside the chart, marking estimates, and each model with its replies', async () => {
    const { dialog, fake } = await openSpending();
    const totals = await within(dialog).findByRole('region', { name: 'Totals' });
    expect(factsOf(totals)).toEqual([
      'Today: $0.0123 (estimated)',
      'This month: $0.5123 (estimated)',
      'Last 30 days: $0.5123 (estimated)',
    ]);
    expect(
      within(totals)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['openai/gpt-4.1 $0.51 · 3 replies', 'anthropic/claude-sonnet-4 $0.0023 · 1 reply']);
    expect(fake.callsTo('getSpending')).toEqual([{ days: 30 }]);
  });

  it('gives the same figures as a table, and asks for 90 days when that range is chosen', async () => {
    const { dialog, fake, user } = await openSpending();
    await within(dialog).findByRole('region', { name: 'Totals' });
    const toggle = within(dialog).getByRole('button', { name: 'Show as table' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const table = within(dialog).getByRole('table', { name: 'Cost per day by model' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['Day', 'openai/gpt-4.1', 'anthropic/claude-sonnet-4', 'Total']);
    expect(rows[2]?.slice(1)).toEqual(['$0.01', '$0.0023', '$0.0123']);
    expect(rows[2]?.[0]).toMatch(/\(estimated\)$/);
    expect(rows[1]?.[0]).not.toMatch(/estimated/);
    await user.click(within(dialog).getByRole('radio', { name: 'Last 90 days' }));
    await waitFor(() => expect(fake.callsTo('getSpending')).toEqual([{ days: 30 }, { days: 90 }]));
  });

  it('says how many ledger entries could not be read instead of hiding them', async () => {
    const { dialog } = await openSpending(summary({ damaged: 2 }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/^2 ledger entries could not be read and are not in these totals/);
  });

  it("shows the key's own figures and a disagreement with both amounts; a cent apart agrees", async () => {
    const view = renderApp();
    view.fake.state.keyInfo = {
      ...view.fake.state.keyInfo,
      limit: 10,
      limitRemaining: 7.25,
      limitReset: 'monthly',
      usageDaily: 0.02,
      usageWeekly: 1.5,
      usageMonthly: 2.75,
    };
    view.fake.override('getSpending', async () => ({ ok: true, value: summary() }));
    await view.user.click(await screen.findByRole('button', { name: 'Spending' }));
    const dialog = await screen.findByRole('dialog', { name: 'Spending' });
    const key = await within(dialog).findByRole('region', { name: 'Your key on OpenRouter' });
    await waitFor(() => expect(factsOf(key)).toHaveLength(6));
    expect(factsOf(key)).toEqual([
      'Limit: $10.00',
      'Remaining: $7.25',
      'Limit resets: Monthly',
      'Used today: $0.02',
      'Used this week: $1.50',
      'Used this month: $2.75',
    ]);
    expect(
      within(key)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Today: agrees with OpenRouter ($0.0123).',
      'This month: differs — Switchboard recorded $0.5123, OpenRouter reports $2.75.',
    ]);
    expect(key.textContent).toContain('including in other apps that use the same key');
  });

  it('says when nothing was spent in the range instead of drawing an empty chart', async () => {
    const { dialog } = await openSpending(
      summary({
        days: [{ day: TODAY, totalUsd: 0, byModel: {}, estimated: false }],
        todayUsd: 0,
        thisMonthUsd: 0,
        byModel: [],
        rangeTotalUsd: 0,
      }),
    );
    expect(await within(dialog).findByText('Nothing spent in the last 30 days.')).toBeTruthy();
    expect(dialog.querySelector('.spending-chart')).toBeNull();
  });

  it('exports CSV and names the file in a toast', async () => {
    const { dialog, fake, user } = await openSpending();
    await user.click(within(dialog).getByRole('button', { name: 'Export CSV' }));
    expect(fake.callsTo('exportSpendingCsv')).toEqual([{ days: 30 }]);
    // The toasts' own live region (the update banner has one too).
    const notifications = screen.getByRole('region', { name: 'Notifications' });
    expect((await within(notifications).findByRole('status')).textContent).toContain(
      'switchboard-spending.csv',
    );
  });

  it('opens with Ctrl+Shift+S and closes with Escape', async () => {
    const view = renderApp();
    await screen.findByRole('button', { name: 'Spending' });
    await view.user.keyboard('{Control>}{Shift>}S{/Shift}{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Spending' })).toBeTruthy();
    await view.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Spending' })).toBeNull());
  });
});
