import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, ok } from '../../testing/fake-bridge';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const PROVIDERS = [
  { slug: 'anthropic', name: 'Anthropic' },
  { slug: 'deepinfra', name: 'DeepInfra' },
  { slug: 'together', name: 'Together' },
];

async function openProviders(initial: Parameters<typeof createFakeBridge>[0] = {}) {
  const fake = createFakeBridge(initial);
  fake.override('listProviders', async () => ok({ providers: PROVIDERS }));
  fake.override('listModelEndpoints', async () =>
    ok({
      endpoints: [
        {
          providerName: 'DeepInfra',
          tag: 'deepinfra/fp8',
          quantization: 'fp8',
          contextLength: 131072,
          maxCompletionTokens: 16384,
          promptPricePerMTok: 0.2,
          completionPricePerMTok: 0.6,
          uptimeLast30m: 99.5,
          status: 0,
          supportedParameters: ['reasoning'],
        },
      ],
    }),
  );
  const view = renderApp(fake);
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Providers' });
  return { ...view, section };
}

describe('Settings → Providers', () => {
  it('picks providers from the list for the order, and reorders them', async () => {
    const { section, user, fake } = await openProviders();
    const order = within(section).getByRole('group', { name: 'Provider order' });
    await waitFor(() => expect(within(order).getByRole('option', { name: 'Anthropic' })).toBeTruthy());
    await user.selectOptions(
      within(order).getByRole('combobox', { name: 'Add to Provider order' }),
      'Anthropic',
    );
    await user.click(within(order).getByRole('button', { name: 'Add to Provider order' }));
    expect(fake.callsTo('updateSettings')).toContainEqual({ providerDefaults: { order: ['anthropic'] } });
    await user.selectOptions(
      within(order).getByRole('combobox', { name: 'Add to Provider order' }),
      'Together',
    );
    await user.click(within(order).getByRole('button', { name: 'Add to Provider order' }));
    await user.click(within(order).getByRole('button', { name: 'Move Together up' }));
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({
      providerDefaults: { order: ['together', 'anthropic'] },
    });
    await user.click(within(order).getByRole('button', { name: 'Remove Together' }));
    await user.click(within(order).getByRole('button', { name: 'Remove Anthropic' }));
    // Nothing left: no provider object at all.
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: null });
  });

  it('refuses data-collecting providers with a checkbox saying so, and each field changes only itself', async () => {
    const { section, user, fake } = await openProviders();
    await user.click(
      within(section).getByRole('checkbox', { name: 'Refuse providers that collect or train on your data' }),
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { dataCollection: 'deny' } });
    await user.click(
      within(section).getByRole('checkbox', { name: 'Refuse providers that collect or train on your data' }),
    );
    await user.click(
      within(section).getByRole('checkbox', { name: 'Only zero data retention (ZDR) endpoints' }),
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { zdr: true } });
    await user.click(
      within(section).getByRole('checkbox', { name: 'Only zero data retention (ZDR) endpoints' }),
    );
    await user.selectOptions(
      within(section).getByRole('combobox', { name: 'Sort providers by' }),
      'Throughput',
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { sort: 'throughput' } });
    await user.selectOptions(
      within(section).getByRole('combobox', { name: 'Sort providers by' }),
      "OpenRouter's default",
    );
    await user.click(
      within(section).getByRole('checkbox', { name: 'Allow other providers when these are unavailable' }),
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { allowFallbacks: false } });
    await user.click(
      within(section).getByRole('checkbox', { name: 'Allow other providers when these are unavailable' }),
    );
    await user.click(within(section).getByRole('checkbox', { name: 'fp8' }));
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { quantizations: ['fp8'] } });
    await user.click(within(section).getByRole('checkbox', { name: 'fp8' }));
    await user.click(
      within(section).getByRole('checkbox', { name: 'Only providers that support every parameter sent' }),
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ providerDefaults: { requireParameters: true } });
  });

  it('saves a max price, and refuses a negative one with a clear error without saving it', async () => {
    const { section, user, fake } = await openProviders();
    const prompt = within(section).getByRole('spinbutton', {
      name: 'Max prompt price (USD per million tokens)',
    });
    await user.type(prompt, '2.5');
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({
      providerDefaults: { maxPrice: { promptPerMTok: 2.5 } },
    });
    const before = fake.callsTo('updateSettings').length;
    const completion = within(section).getByRole('spinbutton', {
      name: 'Max completion price (USD per million tokens)',
    });
    await user.type(completion, '-1');
    expect(within(section).getByText(/Enter a price of 0 or more/)).toBeTruthy();
    expect(completion.getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsTo('updateSettings').slice(before)).not.toContainEqual(
      expect.objectContaining({
        providerDefaults: expect.objectContaining({
          maxPrice: expect.objectContaining({ completionPerMTok: -1 }),
        }),
      }),
    );
  });

  it('keeps each conversation on one provider only when ticked', async () => {
    const { section, user, fake } = await openProviders();
    const sticky = within(section).getByRole('checkbox', { name: 'Keep each conversation on one provider' });
    expect((sticky as HTMLInputElement).checked).toBe(false);
    await user.click(sticky);
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ stickyProvider: true });
  });

  it("lists the current model's providers to prefer or refuse", async () => {
    const { section, user, fake } = await openProviders();
    const table = await within(section).findByRole('table', { name: 'Providers serving GPT-4o' });
    expect(within(table).getByRole('rowheader', { name: 'DeepInfra' })).toBeTruthy();
    expect(table.textContent).toContain('fp8');
    expect(table.textContent).toContain('99.5%');
    expect(table.textContent).toContain('131,072');
    await user.click(within(table).getByRole('button', { name: 'Never use DeepInfra' }));
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({
      providerDefaults: { ignore: ['deepinfra/fp8'] },
    });
    expect(fake.callsTo('listModelEndpoints')).toEqual([{ modelId: 'openai/gpt-4o' }]);
  });

  it("shows the stored file's problems next to the field", async () => {
    const { section } = await openProviders({
      settings: makeSettings(),
      settingsProblems: [
        {
          field: 'providerDefaults.order',
          message: 'The provider "nosuch" is not one OpenRouter knows; it is not sent.',
        },
      ],
    });
    const order = within(section).getByRole('group', { name: 'Provider order' });
    expect(within(order).getByRole('alert').textContent).toContain('"nosuch" is not one OpenRouter knows');
  });
});
