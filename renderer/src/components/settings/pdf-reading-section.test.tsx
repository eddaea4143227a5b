import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function openPdfReading(initial: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp(initial);
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  const group = within(dialog).getByRole('group', { name: 'PDF reading' });
  return { ...view, group };
}

describe('Settings → PDF reading', () => {
  it('offers the four engines, the paid one with its price, and shows the saved one', async () => {
    const { group } = await openPdfReading({ settings: makeSettings({ pdfEngine: 'cloudflare-ai' }) });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual([
      "The model's own reading when it has one, else the free parser",
      'Free parser (Cloudflare AI)',
      'OCR for scanned PDFs (Mistral OCR, $2 per 1,000 pages)',
      "The model's own reading only",
    ]);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false, false]);
  });

  it('saves the choice through main', async () => {
    const { group, user, fake } = await openPdfReading();
    await user.click(within(group).getByRole('radio', { name: /Mistral OCR/ }));
    await waitFor(() => expect(fake.callsTo('updateSettings')).toContainEqual({ pdfEngine: 'mistral-ocr' }));
    expect(fake.state.settings.pdfEngine).toBe('mistral-ocr');
    await waitFor(() =>
      expect((within(group).getByRole('radio', { name: /Mistral OCR/ }) as HTMLInputElement).checked).toBe(
        true,
      ),
    );
  });
});
