import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../../common/attachment-types';
import { ANSWER, openConversationWith } from '../../testing/conversation-scenario';
import { fail } from '../../testing/fake-bridge';
import { installFakeImageLoading } from '../../testing/fake-image-loading';
import { makeMessage } from '../../testing/fixtures';
import { stepIndex } from './attachment-lightbox';

const sha = (c: string) => c.repeat(64);
const PNG: Attachment = {
  sha256: sha('a'),
  name: 'screenshot.png',
  kind: 'image',
  mimeType: 'image/png',
  byteLength: 48_000,
  size: { width: 1600, height: 900 },
};
const JPEG: Attachment = {
  sha256: sha('b'),
  name: 'photo.jpg',
  kind: 'image',
  mimeType: 'image/jpeg',
  byteLength: 1_258_292,
  size: { width: 1200, height: 1600 },
  resizedFrom: { width: 9000, height: 12000, byteLength: 30_000_000 },
};
const PDF: Attachment = {
  sha256: sha('c'),
  name: 'report.pdf',
  kind: 'pdf',
  mimeType: 'application/pdf',
  byteLength: 1_258_292,
};
const SVG_AS_TEXT: Attachment = {
  sha256: sha('d'),
  name: 'logo.svg',
  kind: 'text',
  mimeType: 'text/plain',
  byteLength: 300,
};

function withAttachments(attachments: Attachment[], content = 'Look at these') {
  return makeMessage({ id: 'u1', role: 'user', content, attachments });
}

let images: ReturnType<typeof installFakeImageLoading>;
beforeEach(() => {
  images = installFakeImageLoading();
});
afterEach(() => images.restore());

async function userMessage() {
  return screen.findByRole('article', { name: 'user message' });
}

describe('attachments in a user message', () => {
  it('loads a thumbnail only once it is scrolled into view, as a blob URL sized from the image', async () => {
    const view = await openConversationWith([withAttachments([PNG]), ANSWER]);
    const message = await userMessage();
    const thumb = within(message).getByRole('button', { name: 'View screenshot.png' });
    expect(view.fake.callsTo('getAttachmentImage')).toEqual([]);
    expect(within(thumb).queryByRole('img')).toBeNull();

    // Measured against the list's own scroller: it clips, so the viewport's margin would not reach.
    const scroller = message.closest('[data-scroll-root]');
    expect(scroller).not.toBeNull();
    expect(images.roots()).toEqual([scroller]);

    act(() => images.showAll());
    const img = await within(thumb).findByRole('img', { name: 'screenshot.png' });
    expect(view.fake.callsTo('getAttachmentImage')).toEqual([
      { sha256: PNG.sha256, conversationId: 'c1', messageId: 'u1' },
    ]);
    expect(img.getAttribute('src')).toBe(images.created[0]);
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(img.getAttribute('width')).toBe('1600');
    expect(img.getAttribute('height')).toBe('900');
    expect(img.getAttribute('decoding')).toBe('async');
    expect(within(message).getByText('Look at these')).toBeTruthy();
  });

  it('shows other files as chips with kind, name and size, and saves them through main', async () => {
    const view = await openConversationWith([withAttachments([PDF, SVG_AS_TEXT]), ANSWER]);
    const message = await userMessage();
    const list = within(message).getByRole('list', { name: 'Attached files' });
    expect(list.textContent).toContain('PDFreport.pdf1.2 MB');
    expect(list.textContent).toContain('Textlogo.svg300 bytes');
    // An SVG is text: never drawn.
    expect(message.querySelector('img')).toBeNull();

    await view.user.click(within(message).getByRole('button', { name: 'Save report.pdf' }));
    expect(view.fake.callsTo('saveAttachment')).toEqual([
      { sha256: PDF.sha256, conversationId: 'c1', messageId: 'u1' },
    ]);
    expect(await screen.findByText(`Saved report.pdf to ${PDF.sha256}.`)).toBeTruthy();
  });

  it('says a missing file is no longer saved, and renders the rest of the message', async () => {
    await openConversationWith([
      withAttachments(
        [
          { ...PNG, missing: true },
          { ...PDF, missing: true },
        ],
        'Still here',
      ),
      ANSWER,
    ]);
    const message = await userMessage();
    expect(within(message).getAllByText('This file is no longer saved')).toHaveLength(2);
    expect(within(message).getByText('Still here')).toBeTruthy();
    expect(within(message).queryByRole('button', { name: 'Save report.pdf' })).toBeNull();
    expect(screen.getAllByRole('article', { name: 'assistant message' })).toHaveLength(1);
  });

  it('says an image main cannot read is no longer saved', async () => {
    const view = await openConversationWith([withAttachments([PNG, PDF]), ANSWER]);
    view.fake.override('getAttachmentImage', async () => fail('validation', 'That attachment is not saved.'));
    act(() => images.showAll());
    const message = await userMessage();
    expect(await within(message).findByText('This file is no longer saved')).toBeTruthy();
    expect(within(message).getByRole('button', { name: 'Save report.pdf' })).toBeTruthy();
  });

  it('opens the viewer from the keyboard; arrows move between the images; Escape returns focus', async () => {
    const view = await openConversationWith([withAttachments([PNG, PDF, JPEG]), ANSWER]);
    act(() => images.showAll());
    const message = await userMessage();
    const first = within(message).getByRole('button', { name: 'View screenshot.png' });
    const second = within(message).getByRole('button', { name: 'View photo.jpg' });

    first.focus();
    await view.user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', { name: 'screenshot.png' });
    expect(within(dialog).getByText(/47 KB · 1600×900 · image 1 of 2/)).toBeTruthy();
    expect(await within(dialog).findByRole('img', { name: 'screenshot.png' })).toBeTruthy();

    await view.user.keyboard('{ArrowRight}');
    dialog = await screen.findByRole('dialog', { name: 'photo.jpg' });
    expect(within(dialog).getByText("Resized from 9000×12000 to fit providers' limits")).toBeTruthy();
    await view.user.keyboard('{ArrowRight}');
    await screen.findByRole('dialog', { name: 'screenshot.png' });
    await view.user.keyboard('{ArrowLeft}');
    dialog = await screen.findByRole('dialog', { name: 'photo.jpg' });

    await view.user.click(within(dialog).getByRole('button', { name: 'Save image' }));
    expect(view.fake.callsTo('saveAttachment')).toEqual([
      { sha256: JPEG.sha256, conversationId: 'c1', messageId: 'u1' },
    ]);

    await view.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Back on the thumbnail of the image shown last.
    expect(document.activeElement).toBe(second);
  });

  it('has Previous and Next buttons, and opens with Space', async () => {
    const view = await openConversationWith([withAttachments([PNG, JPEG]), ANSWER]);
    const message = await userMessage();
    within(message).getByRole('button', { name: 'View photo.jpg' }).focus();
    await view.user.keyboard(' ');
    const dialog = await screen.findByRole('dialog', { name: 'photo.jpg' });
    await view.user.click(within(dialog).getByRole('button', { name: 'Previous image' }));
    await screen.findByRole('dialog', { name: 'screenshot.png' });
    await view.user.click(screen.getByRole('button', { name: 'Next image' }));
    await screen.findByRole('dialog', { name: 'photo.jpg' });
  });
});

describe('stepIndex', () => {
  it('wraps at both ends', () => {
    expect(stepIndex(0, -1, 3)).toBe(2);
    expect(stepIndex(2, 1, 3)).toBe(0);
    expect(stepIndex(1, 1, 3)).toBe(2);
    expect(stepIndex(0, 1, 0)).toBe(0);
  });
});
