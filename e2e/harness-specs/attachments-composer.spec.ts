import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { realPng } from './helpers/real-png';
import { saveScreen, ui, waitForChatRequest } from './helpers/ui';

/**
 * Attaching in the composer (issue 17), through the real services and the emulator: "Attach files"
 * (main's dialog; the harness's stand-in returns `harness.attachFiles`), files dropped on the window and
 * a pasted image (their bytes read in the page and handed to main), removal, refusals with main's
 * reason, the model check with "Use <model>", images main asks to shrink, and Settings → PDF reading.
 */

const PNG = realPng(64, 48, 3);
const PDF = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const TEXT = new TextEncoder().encode('Meeting notes\n- ship attachments\n');
/** A zip archive's first bytes (local file header, "PK\x03\x04") under an image's name. */
const ZIP = new Uint8Array([
  0x50,
  0x4b,
  0x03,
  0x04,
  0x14,
  0x00,
  0x00,
  0x00,
  0x08,
  0x00,
  ...new Array(40).fill(0),
]);

async function filesOnDisk(dir: string, files: Record<string, Uint8Array>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    paths.push(path);
  }
  return paths;
}

function chips(app: Page): Locator {
  return app.getByRole('list', { name: 'Attachments' });
}

function chip(app: Page, name: string): Locator {
  return chips(app).getByRole('listitem').filter({ hasText: name });
}

/** Drags files over the window and drops them, as the person would (a DataTransfer made in the page). */
async function dropFiles(app: Page, files: { name: string; type: string; bytes: Uint8Array }[]) {
  // The bytes cross as base64: an array of numbers serialises ~6 million entries for a 6 MB file,
  // which took most of a minute on a loaded machine.
  const transfer = await app.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: Buffer.from(f.bytes).toString('base64') })),
  );
  const target = ui(app).composer;
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(app.getByText('Drop files to attach')).toBeVisible();
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(app.getByText('Drop files to attach')).toBeHidden();
}

/** Pastes an image into the message box (a ClipboardEvent carrying a file, as a screenshot paste does). */
async function pasteImage(app: Page, name: string, bytes: Uint8Array) {
  const prevented = await ui(app).composer.evaluate(
    (box, file) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], file.name, { type: 'image/png' }));
      const event = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      box.dispatchEvent(event);
      return event.defaultPrevented;
    },
    { name, base64: Buffer.from(bytes).toString('base64') },
  );
  expect(prevented).toBe(true);
}

/** Starts the window on a listed model (main's default model; the reloaded window shows its name). */
async function startOn(harness: Harness, app: Page, modelId: string, name: string) {
  await harness.services.settings.update({ defaultModel: modelId });
  await app.reload();
  await expect(ui(app).modelButton).toHaveAccessibleDescription(name);
}

test.describe('attaching in the composer', () => {
  test('"Attach files": a PNG, a PDF and a text file become chips with name and size; one is removed; the rest reach the model with exactly their bytes', async ({
    app,
    harness,
  }, testInfo) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    harness.attachFiles = await filesOnDisk(testInfo.outputPath('files'), {
      'diagram.png': PNG,
      'report.pdf': PDF,
      'notes.txt': TEXT,
    });
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(chips(app).getByRole('listitem')).toHaveCount(3);
    await expect(chip(app, 'diagram.png')).toContainText(`${PNG.length} bytes`);
    // A thumbnail with alt="": the name beside it says what it is.
    await expect(chip(app, 'diagram.png').locator('img')).toHaveAttribute('alt', '');
    await expect(chip(app, 'report.pdf')).toContainText(`PDF, ${PDF.length} bytes`);
    await expect(chip(app, 'notes.txt')).toContainText(`${TEXT.length} bytes`);
    await saveScreen(app, 'attachments-composer-chips');

    // Removing by keyboard keeps the place: focus goes to the next chip's remove button.
    await app.getByRole('button', { name: 'Remove report.pdf' }).focus();
    await app.keyboard.press('Enter');
    await expect(chip(app, 'report.pdf')).toHaveCount(0);
    await expect(app.getByRole('button', { name: 'Remove notes.txt' })).toBeFocused();

    await ui(app).composer.fill('What is in these?');
    await ui(app).composer.press('Enter');
    const request = await waitForChatRequest(harness);
    const received = request.attachments;
    expect(received?.images.map((i) => [i.mimeType, [...(i.bytes ?? [])]])).toEqual([
      ['image/png', [...PNG]],
    ]);
    expect(received?.textFiles).toEqual([{ name: 'notes.txt', text: new TextDecoder().decode(TEXT) }]);
    expect(received?.files).toEqual([]);
    await expect(chips(app)).toHaveCount(0);
  });

  test('a dropped PNG and a pasted image are attached from their bytes and sent as images', async ({
    app,
    harness,
  }) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    const pasted = realPng(20, 10, 7);
    await dropFiles(app, [{ name: 'dropped.png', type: 'image/png', bytes: PNG }]);
    await expect(chip(app, 'dropped.png')).toContainText(`${PNG.length} bytes`);
    await pasteImage(app, 'image.png', pasted);
    await expect(chip(app, 'image.png')).toContainText(`${pasted.length} bytes`);
    // A plain-text paste stays text.
    await ui(app).composer.focus();
    await ui(app).composer.evaluate((box) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'pasted words');
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect(chips(app).getByRole('listitem')).toHaveCount(2);

    await ui(app).send.click();
    const request = await waitForChatRequest(harness);
    expect(request.attachments?.images.map((i) => [...(i.bytes ?? [])])).toEqual([[...PNG], [...pasted]]);
    // The window was never navigated to the dropped file.
    expect(app.url()).toBe(harness.url);
  });

  test('a zip renamed .png is refused with main’s reason', async ({ app, harness }, testInfo) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    harness.attachFiles = await filesOnDisk(testInfo.outputPath('files'), { 'bomb.png': ZIP });
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(ui(app).notifications).toContainText(/bomb\.png is not a file Switchboard can attach/);
    await expect(chips(app)).toHaveCount(0);

    await dropFiles(app, [{ name: 'dropped-bomb.png', type: 'image/png', bytes: ZIP }]);
    await expect(ui(app).notifications).toContainText(
      /dropped-bomb\.png is not a file Switchboard can attach/,
    );
    await expect(chips(app)).toHaveCount(0);
  });

  test('a text-only model with an image: the model is named, nothing is sent, and "Use …" switches model', async ({
    app,
    harness,
  }) => {
    await startOn(harness, app, 'openai/gpt-3.5-turbo', 'OpenAI: GPT-3.5 Turbo');
    await dropFiles(app, [{ name: 'shot.png', type: 'image/png', bytes: PNG }]);
    await expect(chip(app, 'shot.png')).toBeVisible();
    await ui(app).composer.fill('What is this?');
    await ui(app).composer.press('Enter');
    await expect(app.getByRole('alert')).toContainText(/GPT-3\.5 Turbo cannot read images\./);
    await expect(app.getByRole('button', { name: 'Remove the images' })).toBeVisible();
    await axeClean(app, 'the model check');
    await saveScreen(app, 'attachments-composer-model-check');
    expect(harness.emulator?.requests.filter((r) => r.method === 'POST')).toEqual([]);

    const use = app.getByRole('button', { name: /^Use / }).first();
    const name = ((await use.textContent()) ?? '').replace(/^Use /, '');
    await use.click();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(name);
    await expect(app.getByRole('alert')).toHaveCount(0);
    await ui(app).send.click();
    const request = await waitForChatRequest(harness);
    expect(request.attachments?.images).toHaveLength(1);
  });

  test('an image wider than 8,000 px is drawn smaller before sending and the chip says so', async ({
    app,
    harness,
  }) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    const wide = realPng(9000, 300, 4);
    await dropFiles(app, [{ name: 'panorama.png', type: 'image/png', bytes: wide }]);
    // 9000×300 fitted to 8000 keeping the aspect ratio; one colour, so it stays a small PNG.
    await expect(chip(app, 'panorama.png')).toContainText('Resized to 8000×267', { timeout: 20_000 });
    await ui(app).send.click();
    const request = await waitForChatRequest(harness);
    const [image] = request.attachments?.images ?? [];
    expect(image?.mimeType).toBe('image/png');
    const bytes = image?.bytes ?? new Uint8Array();
    // The PNG header's width and height (IHDR), as the model receives them.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([8000, 267]);
  });

  test('a photo over 5 MB attached through the dialog is re-encoded as a JPEG under the limit', async ({
    app,
    harness,
  }, testInfo) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    // Random pixels do not compress: over the 5 MB every vision model accepts, so main asks for a resize.
    const big = realPng(1400, 1400, 5, { noise: true });
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    harness.attachFiles = await filesOnDisk(testInfo.outputPath('files'), { 'photo.png': big });
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(chips(app)).toContainText('Resized to 1400×1400', { timeout: 30_000 });
    await expect(chips(app)).toContainText('photo.jpg');
    await ui(app).send.click();
    const request = await waitForChatRequest(harness);
    const [image] = request.attachments?.images ?? [];
    expect(image?.mimeType).toBe('image/jpeg');
    expect(image?.bytes?.length ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  // Over ~6 MB the base64 is ~8 million characters: main's check must not overflow the regexp stack.
  test('a dropped photo over 6 MB is attached and resized', async ({ app, harness }) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    const big = realPng(1400, 1400, 6, { noise: true });
    await dropFiles(app, [{ name: 'photo.png', type: 'image/png', bytes: big }]);
    await expect(chips(app)).toContainText('Resized to 1400×1400', { timeout: 30_000 });
  });

  test('Settings → PDF reading saves, and a PDF is then read by that engine', async ({
    app,
    harness,
  }, testInfo) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    await ui(app).settingsButton.click();
    const group = ui(app).settings.getByRole('group', { name: 'PDF reading' });
    const cloudflare = group.getByRole('radio', { name: 'Free parser (Cloudflare AI)' });
    // Checked once main has saved it (the field shows the saved setting).
    await cloudflare.click();
    await expect(cloudflare).toBeChecked();
    await expect.poll(async () => (await harness.services.settings.get()).pdfEngine).toBe('cloudflare-ai');
    await app.keyboard.press('Escape');

    harness.attachFiles = await filesOnDisk(testInfo.outputPath('files'), { 'report.pdf': PDF });
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(chip(app, 'report.pdf')).toBeVisible();
    await ui(app).send.click();
    const request = await waitForChatRequest(harness);
    expect(request.attachments?.pdfEngine).toBe('cloudflare-ai');
    expect(request.attachments?.files.map((f) => [f.filename, [...(f.bytes ?? [])]])).toEqual([
      ['report.pdf', [...PDF]],
    ]);
  });

  test('the composer with chips has no serious or critical axe violations', async ({
    app,
    harness,
  }, testInfo) => {
    await startOn(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
    harness.attachFiles = await filesOnDisk(testInfo.outputPath('files'), {
      'diagram.png': PNG,
      'a very long file name that will certainly not fit in one chip at all.txt': TEXT,
    });
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(chips(app).getByRole('listitem')).toHaveCount(2);
    await expect(chip(app, 'diagram.png').locator('img')).toBeVisible();
    await axeClean(app, 'the composer with chips');
  });
});

async function axeClean(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}
