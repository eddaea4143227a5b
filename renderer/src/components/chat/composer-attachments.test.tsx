import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { descriptionOf } from '../../testing/dom-helpers';
import { fakeStage, makeStaged } from '../../testing/fake-attachments';
import { fail } from '../../testing/fake-bridge';
import { installFakeImageLoading } from '../../testing/fake-image-loading';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import { makeFile, PNG_1X1 } from '../../testing/test-files';

const TEXT_ONLY_MODEL = 'meta-llama/llama-3.3-70b-instruct:free';

async function ready(view: ReturnType<typeof renderApp>) {
  await waitFor(() => expect(screen.queryByText('Checking your OpenRouter key…')).toBeNull());
  await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBe(1));
  await waitFor(() => expect(view.fake.callsTo('listModels').length).toBe(1));
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

function chipList() {
  return screen.getByRole('list', { name: 'Attachments' });
}

function chipNames() {
  return within(chipList())
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.attachment-chip-name')?.textContent);
}

/** A drag event carrying files, as Chromium fires it on the window. */
function fileDrag(type: 'dragEnter' | 'dragOver' | 'drop', files: File[]) {
  const event = createEvent[type](window);
  Object.defineProperty(event, 'dataTransfer', {
    value: { types: ['Files'], files, dropEffect: 'none' },
  });
  fireEvent(window, event);
  return event;
}

let images: ReturnType<typeof installFakeImageLoading>;
beforeEach(() => {
  images = installFakeImageLoading();
});
afterEach(() => images.restore());

describe('composer attachments', () => {
  it('"Attach files" opens main’s dialog; chips show name, kind and size; refusals are said per file', async () => {
    const view = renderApp();
    await ready(view);
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [
        makeStaged({ name: 'report.pdf', kind: 'pdf', mimeType: 'application/pdf', byteLength: 2_516_582 }),
        makeStaged({ name: 'notes.txt', byteLength: 512 }),
      ],
      refused: [
        { name: 'bomb.png', message: 'It is not a PNG, JPEG, WebP or GIF image, whatever its name says.' },
      ],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await waitFor(() => expect(chipNames()).toEqual(['report.pdf', 'notes.txt']));
    expect(view.fake.callsTo('attachFiles')).toHaveLength(1);
    expect(chipList().textContent).toContain('PDF, 2.4 MB');
    expect(chipList().textContent).toContain('Text file, 512 bytes');
    expect(screen.getByRole('button', { name: 'Remove report.pdf' })).toBeTruthy();
    expect(
      screen.getByText(
        'bomb.png was not attached: It is not a PNG, JPEG, WebP or GIF image, whatever its name says.',
      ),
    ).toBeTruthy();
  });

  it('shows a file name as text, in full in its tooltip, never as markup', async () => {
    const view = renderApp();
    await ready(view);
    const name = '<img src=x onerror=alert(1)> a very long name that will not fit on one line at all.txt';
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [makeStaged({ name })],
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    const label = await within(await screen.findByRole('list', { name: 'Attachments' })).findByText(name);
    expect(label.getAttribute('title')).toBe(name);
    expect(chipList().querySelector('img')).toBeNull();
  });

  it('removing a chip moves focus to the next chip, and after the last one to the message box', async () => {
    const view = renderApp();
    const box = await ready(view);
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [makeStaged({ name: 'a.txt' }), makeStaged({ name: 'b.txt' })],
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    const removeA = await screen.findByRole('button', { name: 'Remove a.txt' });
    removeA.focus();
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(chipNames()).toEqual(['b.txt']));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove b.txt' }));
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull());
    expect(document.activeElement).toBe(box);
    expect(view.fake.callsTo('discardAttachment')).toHaveLength(2);
  });

  it('sends the chips’ files in order with no text, and clears them once main accepts', async () => {
    const view = renderApp();
    await ready(view);
    const a = makeStaged({ name: 'a.txt' });
    const b = makeStaged({ name: 'b.pdf', kind: 'pdf', mimeType: 'application/pdf' });
    view.fake.state.attachments.attachOutcome = { cancelled: false, attached: [a, b], refused: [] };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await waitFor(() => expect(chipNames()).toEqual(['a.txt', 'b.pdf']));
    await view.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const [request] = view.fake.callsTo('sendMessage') as { content: string; attachments?: string[] }[];
    expect(request?.content).toBe('');
    expect(request?.attachments).toEqual([a.sha256, b.sha256]);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull());
  });

  it('keeps the chips when sending fails', async () => {
    const view = renderApp();
    const box = await ready(view);
    view.fake.override('sendMessage', async () => fail('offline', 'Switchboard could not reach OpenRouter.'));
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [makeStaged({ name: 'a.txt' })],
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await view.user.type(box, 'See attached{Enter}');
    await screen.findByText(/Switchboard could not reach OpenRouter/);
    expect(chipNames()).toEqual(['a.txt']);
  });

  it('a model that cannot read images is named, nothing is sent, and "Use …" switches the model', async () => {
    const view = renderApp({ settings: makeSettings({ defaultModel: TEXT_ONLY_MODEL }) });
    const box = await ready(view);
    const image = makeStaged({ name: 'shot.png', kind: 'image', mimeType: 'image/png' });
    view.fake.state.attachments.attachOutcome = { cancelled: false, attached: [image], refused: [] };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await within(await screen.findByRole('list', { name: 'Attachments' })).findByText('shot.png');
    await view.user.type(box, 'What is this?{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Llama 3.3 70B (free) cannot read images.');
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Remove the images' })).toBeTruthy();

    await view.user.click(screen.getByRole('button', { name: 'Use GPT-4o' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await view.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const [request] = view.fake.callsTo('sendMessage') as { model: string; attachments?: string[] }[];
    expect(request?.model).toBe('openai/gpt-4o');
    expect(request?.attachments).toEqual([image.sha256]);
  });

  it('"Remove the images" takes out what the model cannot read, then text sends', async () => {
    const view = renderApp({ settings: makeSettings({ defaultModel: TEXT_ONLY_MODEL }) });
    const box = await ready(view);
    const text = makeStaged({ name: 'notes.txt' });
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [makeStaged({ name: 'shot.png', kind: 'image', mimeType: 'image/png' }), text],
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await waitFor(() => expect(chipNames()).toEqual(['shot.png', 'notes.txt']));
    await view.user.type(box, 'Hi{Enter}');
    await view.user.click(await screen.findByRole('button', { name: 'Remove the images' }));
    expect(chipNames()).toEqual(['notes.txt']);
    await view.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const [request] = view.fake.callsTo('sendMessage') as { attachments?: string[] }[];
    expect(request?.attachments).toEqual([text.sha256]);
  });

  it('shows main’s unsupported_input refusal the same way', async () => {
    const view = renderApp();
    const box = await ready(view);
    view.fake.override('sendMessage', async () =>
      fail('unsupported_input', 'GPT-4o cannot read audio, so nothing was sent.'),
    );
    await view.user.type(box, 'Hi{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not sent. GPT-4o cannot read audio, so nothing was sent.');
  });

  it('files dropped anywhere on the window are read and handed to main; an overlay shows while dragging', async () => {
    const view = renderApp();
    await ready(view);
    const file = makeFile(PNG_1X1, 'dropped.png', { type: 'image/png' });
    fileDrag('dragEnter', [file]);
    expect(screen.getByText('Drop files to attach')).toBeTruthy();
    expect(fileDrag('dragOver', [file]).defaultPrevented).toBe(true);
    const drop = fileDrag('drop', [file]);
    expect(drop.defaultPrevented).toBe(true);
    expect(screen.queryByText('Drop files to attach')).toBeNull();
    await waitFor(() => expect(chipNames()).toEqual(['dropped.png']));
    const [request] = view.fake.callsTo('stageAttachment') as { name: string; dataBase64: string }[];
    expect(request).toEqual({ name: 'dropped.png', dataBase64: btoa(String.fromCharCode(...PNG_1X1)) });
    // main read its size from the PNG: shown as an image, with a thumbnail asked of main, drawn from
    // an object URL that is given back when the chip goes.
    await waitFor(() => expect(chipList().querySelector('img')?.getAttribute('alt')).toBe(''));
    const src = chipList().querySelector('img')?.getAttribute('src');
    expect(images.created).toEqual([src]);
    await view.user.click(screen.getByRole('button', { name: 'Remove dropped.png' }));
    expect(images.revoked).toEqual([src]);
  });

  it('a pasted image is attached; pasted text stays text', async () => {
    const view = renderApp();
    const box = await ready(view);
    const file = makeFile(PNG_1X1, 'image.png', { type: 'image/png' });
    const paste = createEvent.paste(box, { clipboardData: { files: [file], getData: () => '' } });
    fireEvent(box, paste);
    expect(paste.defaultPrevented).toBe(true);
    await waitFor(() => expect(chipNames()).toEqual(['image.png']));

    const textPaste = createEvent.paste(box, { clipboardData: { files: [], getData: () => 'hello' } });
    fireEvent(box, textPaste);
    expect(textPaste.defaultPrevented).toBe(false);
    expect(view.fake.callsTo('stageAttachment')).toHaveLength(1);
  });

  it('Send waits while a file is being read', async () => {
    const view = renderApp();
    await ready(view);
    let release = () => {};
    const pending = new Promise<void>((resolve) => {
      release = resolve;
    });
    fileDrag('drop', [makeFile('hello', 'hello.txt', { pending })]);
    const item = await within(await screen.findByRole('list', { name: 'Attachments' })).findByRole(
      'listitem',
    );
    expect(item.textContent).toContain('Reading…');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false),
    );
  });

  it('an image that could not be resized says why and holds Send back until it is removed', async () => {
    const view = renderApp();
    const box = await ready(view);
    // jsdom cannot decode images (no createImageBitmap): the resize fails as a broken image would.
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [
        makeStaged({
          name: 'huge.png',
          kind: 'image',
          mimeType: 'image/png',
          resize: { maxSide: 8000, maxBytes: 5 * 1024 * 1024 },
        }),
      ],
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await within(await screen.findByRole('list', { name: 'Attachments' })).findByText(
      /could not be made smaller: The image could not be read\. Remove it to send\./,
    );
    await view.user.type(box, 'Look');
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(descriptionOf(send)).toBe('Remove the attachment that cannot be sent');
    await view.user.click(screen.getByRole('button', { name: 'Remove huge.png' }));
    await waitFor(() => expect(send.disabled).toBe(false));
  });

  it('more files than a message can carry hold Send back, saying how many to remove', async () => {
    const view = renderApp();
    await ready(view);
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: Array.from({ length: 12 }, (_, i) => makeStaged({ name: `f${i}.txt` })),
      refused: [],
    };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await waitFor(() => expect(chipNames()).toHaveLength(12));
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(descriptionOf(send)).toBe('A message can carry 10 files at most: remove 2');
  });

  it('"Ask before" estimates what is about to be sent, attachments included', async () => {
    const view = renderApp({
      settings: makeSettings({ spending: { dailyUsd: null, monthlyUsd: null, askAboveUsd: 0.01 } }),
    });
    await ready(view);
    const staged = makeStaged({ name: 'a.pdf', kind: 'pdf', mimeType: 'application/pdf' });
    view.fake.state.attachments.attachOutcome = { cancelled: false, attached: [staged], refused: [] };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await waitFor(() => expect(chipNames()).toEqual(['a.pdf']));
    await view.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const estimates = view.fake.callsTo('estimateCost') as { attachments?: string[] }[];
    expect(estimates.length).toBeGreaterThan(0);
    expect(estimates.every((r) => r.attachments?.[0] === staged.sha256)).toBe(true);
  });

  it('main refusing for files earlier in the conversation offers no unrelated models', async () => {
    const view = renderApp();
    const box = await ready(view);
    view.fake.override('sendMessage', async () =>
      fail('unsupported_input', 'GPT-4o cannot read audio, so nothing was sent.'),
    );
    await view.user.type(box, 'Hi{Enter}');
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: /^Use / })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove attachments' })).toBeNull();
  });

  it('the estimate includes the attachments', async () => {
    const view = renderApp();
    const box = await ready(view);
    const staged = fakeStage('a.pdf', btoa('%PDF-1.4 x'));
    view.fake.state.attachments.attachOutcome = { cancelled: false, attached: [staged], refused: [] };
    await view.user.click(screen.getByRole('button', { name: 'Attach files' }));
    await view.user.type(box, 'Summarise');
    await waitFor(() =>
      expect(
        (view.fake.callsTo('estimateCost') as { attachments?: string[] }[]).some(
          (r) => r.attachments?.[0] === staged.sha256,
        ),
      ).toBe(true),
    );
  });
});
