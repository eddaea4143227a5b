import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { attachmentFor, realPng } from './helpers/real-png';
import { conversationButton, saveScreen, ui } from './helpers/ui';

/**
 * Attachments as a conversation shows them after a reload (issue 17), through the real services:
 * image thumbnails drawn from main's files, chips for other files, the keyboard viewer, saving the
 * exact bytes through main's save dialog (the harness's stand-in writes into `exportDir`), and a file
 * gone from the history folder said on its own message while the rest renders.
 */

const SCREENSHOT = 'docs/screenshots/attachments.png';
const FIRST_PNG = realPng(64, 48, 1);
const SECOND_PNG = realPng(40, 80, 2);
const PDF = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const TEXT = new TextEncoder().encode('Meeting notes\n- ship attachments\n');

const first = attachmentFor(FIRST_PNG, 'first.png', 'image', 'image/png', { width: 64, height: 48 });
const second = attachmentFor(SECOND_PNG, 'second.png', 'image', 'image/png', { width: 40, height: 80 });
const pdf = attachmentFor(PDF, 'report.pdf', 'pdf', 'application/pdf');
const text = attachmentFor(TEXT, 'notes.txt', 'text', 'text/plain');

/** A conversation whose one message carries the two images, the PDF and the text file. */
async function seedConversation(harness: Harness, title: string): Promise<string> {
  const conversation = await harness.services.history.create({ model: 'openai/gpt-4o-mini', title });
  await harness.services.history.appendUserMessage(conversation.id, 'Here are the files', [
    { attachment: first, bytes: FIRST_PNG },
    { attachment: pdf, bytes: PDF },
    { attachment: second, bytes: SECOND_PNG },
    { attachment: text, bytes: TEXT },
  ]);
  await harness.services.history.flush();
  return conversation.id;
}

async function openConversation(app: Page, title: string) {
  await app.reload();
  await conversationButton(app, title).click();
  const message = app.getByRole('article', { name: 'user message' });
  await expect(message.getByText('Here are the files')).toBeVisible();
  return message;
}

async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

test.describe('attachments in the conversation', () => {
  test('after a reload: thumbnails drawn from main\'s files, chips with name and size, and "Save <name>" writes the exact bytes', async ({
    app,
    harness,
  }) => {
    await seedConversation(harness, 'Files');
    const message = await openConversation(app, 'Files');

    for (const [name, width] of [
      ['first.png', 64],
      ['second.png', 40],
    ] as const) {
      const image = message.getByRole('button', { name: `View ${name}` }).getByRole('img', { name });
      await expect(image).toBeVisible();
      // A blob: URL (the data URL was turned into a Blob and dropped), and the browser decoded it.
      expect(await image.getAttribute('src')).toMatch(/^blob:/);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(width);
    }
    const chips = message.getByRole('list', { name: 'Attached files' });
    await expect(chips).toContainText('report.pdf');
    await expect(chips).toContainText(`${PDF.length} bytes`);
    await expect(chips).toContainText('notes.txt');
    await saveScreen(app, 'attachments-in-conversation');

    // The README's picture: the conversation's files, and a PDF and a text file in the composer.
    const picked = join(harness.dataDir, 'picked');
    await mkdir(picked, { recursive: true });
    harness.attachFiles = [join(picked, 'quarterly-report.pdf'), join(picked, 'notes.md')];
    await writeFile(harness.attachFiles[0] as string, PDF);
    await writeFile(harness.attachFiles[1] as string, TEXT);
    await app.getByRole('button', { name: 'Attach files' }).click();
    await expect(app.getByRole('button', { name: 'Remove notes.md' })).toBeVisible();
    await app.screenshot({ path: SCREENSHOT });

    await message.getByRole('button', { name: 'Save report.pdf' }).click();
    await expect(ui(app).notifications).toContainText('Saved report.pdf to report.pdf.');
    expect(new Uint8Array(await readFile(join(harness.exportDir, 'report.pdf')))).toEqual(PDF);
  });

  test('the viewer: opened with the keyboard, ←/→ between the images, "Save image", Escape returns focus; no axe violations', async ({
    app,
    harness,
  }) => {
    await seedConversation(harness, 'Pictures');
    const message = await openConversation(app, 'Pictures');
    const firstThumb = message.getByRole('button', { name: 'View first.png' });
    const secondThumb = message.getByRole('button', { name: 'View second.png' });
    await expect(firstThumb.getByRole('img')).toBeVisible();

    await firstThumb.focus();
    await app.keyboard.press('Enter');
    let viewer = app.getByRole('dialog', { name: 'first.png' });
    await expect(viewer.getByRole('img', { name: 'first.png' })).toBeVisible();
    await expect(viewer).toContainText('64×48 · image 1 of 2');
    await expectNoSeriousViolations(app, 'the attachment viewer');
    await saveScreen(app, 'attachment-viewer');

    await app.keyboard.press('ArrowRight');
    viewer = app.getByRole('dialog', { name: 'second.png' });
    await expect(viewer.getByRole('img', { name: 'second.png' })).toBeVisible();
    await app.keyboard.press('ArrowLeft');
    await expect(app.getByRole('dialog', { name: 'first.png' })).toBeVisible();
    await app.keyboard.press('ArrowLeft');
    viewer = app.getByRole('dialog', { name: 'second.png' });
    await expect(viewer).toBeVisible();

    await viewer.getByRole('button', { name: 'Save image' }).click();
    await expect(ui(app).notifications).toContainText('Saved second.png to second.png.');
    expect(new Uint8Array(await readFile(join(harness.exportDir, 'second.png')))).toEqual(SECOND_PNG);

    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog')).toHaveCount(0);
    // Back on the thumbnail of the image shown last.
    await expect(secondThumb).toBeFocused();
  });

  test('a file gone from the history folder says "This file is no longer saved"; the rest renders', async ({
    app,
    harness,
  }) => {
    await seedConversation(harness, 'Lost file');
    await rm(join(harness.dataDir, 'history', 'attachments', first.sha256));
    const message = await openConversation(app, 'Lost file');

    await expect(message.getByText('This file is no longer saved')).toHaveCount(1);
    await expect(message.getByRole('button', { name: 'View first.png' })).toHaveCount(0);
    // The other image and the chips are as before.
    await expect(message.getByRole('button', { name: 'View second.png' }).getByRole('img')).toBeVisible();
    await expect(message.getByRole('button', { name: 'Save report.pdf' })).toBeVisible();
    await expect(message.getByRole('button', { name: 'Save notes.txt' })).toBeVisible();
    await expect(ui(app).sidebar).toBeVisible();
  });
});
