import { ATTACHMENT_LIMITS, type StagedAttachment } from '../../../common/attachment-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { errorNote, type ShownError } from '../../shared/i18n/error-text';
import { createTranslate, type Note, type Translate } from '../i18n/note';
import { type ResizedImage, ResizeFailure, type ResizeLimits, resizeImage } from '../image/resize-image';
import { imageDataUrlToBlob } from '../state/image-data-url';
import type { StagedAttachmentsStore, StagedChip } from '../state/staged-attachments-store';
import type { ToastsStore } from '../state/toasts-store';

export interface AttachmentActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    'attachFiles' | 'stageAttachment' | 'discardAttachment' | 'getAttachmentImage'
  >;
  staged: StagedAttachmentsStore;
  toasts: ToastsStore;
  /** Draws an image smaller (the canvas one by default; tests pass their own). */
  resize?: (source: Blob, limits: ResizeLimits) => Promise<ResizedImage>;
  /** Names a pasted file in the interface's language (English when not given). */
  translate?: Translate;
}

/** The largest file any kind accepts: bigger ones are refused before their bytes are read. */
const LARGEST_FILE = Math.max(...Object.values(ATTACHMENT_LIMITS.maxBytes));

/** Base64 in slices: one `String.fromCharCode(...bytes)` of a 30 MB file would overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return btoa(binary);
}

/** "photo.png" drawn as JPEG is sent as "photo.jpg", so the name does not contradict the bytes. */
function renamedFor(name: string, type: ResizedImage['type']): string {
  const ext = type === 'image/png' ? '.png' : '.jpg';
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}${ext}`;
}

/** Main's image could not be decoded here: said in the catalog's words, not an Error's. */
class UnreadableImage extends Error {}

/** Main refused a step of the shrink: its error is kept, and worded where the chip shows it. */
class RefusedByMain extends Error {
  constructor(readonly refusal: ShownError) {
    super('main refused');
  }
}

/**
 * What a failed chip says when a shrink fails: main's error (worded where shown, in the interface's
 * language), or the resize's own problem — each a catalog sentence.
 */
function shrinkFailure(error: unknown): Note {
  if (error instanceof RefusedByMain)
    return { id: 'chat.attachments.notShrunk', values: { reason: { error: error.refusal } } };
  if (!(error instanceof ResizeFailure)) return { id: 'chat.resize.failed' };
  switch (error.problem) {
    case 'unreadable':
      return { id: 'chat.attachments.notShrunkUnreadable' };
    case 'tooBig':
      return { id: 'chat.resize.tooBig', values: { max: { bytes: error.maxBytes ?? 0 } } };
    case 'notEncoded':
      return { id: 'chat.resize.notEncoded' };
    case 'notDrawn':
      return { id: 'chat.resize.notDrawn' };
  }
}

/**
 * Files attached to the message being written (issue 17). Every way in ends in main, which reads
 * each file's type from its bytes: "Attach files" opens main's dialog; a dropped or pasted file's
 * bytes are read here and handed over (never its path). Main's refusals are shown one per file.
 */
export function createAttachmentActions(deps: AttachmentActionsDeps) {
  const { bridge, staged, toasts } = deps;
  const resize = deps.resize ?? resizeImage;
  const translate = deps.translate ?? createTranslate();

  // Main's reasons (its text, shown as given) name the file already; one that does not is prefixed
  // with it. The renderer's own reasons are catalog messages that name it.
  const refuse = (name: string, reason: Note) =>
    toasts.show(
      'id' in reason || reason.text.includes(name)
        ? reason
        : { id: 'chat.attachments.notAttached', values: { name, reason: reason.text } },
      { tone: 'error' },
    );

  /** Draws an image main asked to shrink, and stages the result in place of the original. */
  const shrink = async (id: string, original: StagedAttachment, limits: ResizeLimits) => {
    staged.replace({ id, name: original.name, status: 'resizing', attachment: original });
    /** What the chip says when the shrink fails. */
    let failure: Note;
    try {
      const image = await bridge.getAttachmentImage({ sha256: original.sha256 });
      if (!image.ok) throw new RefusedByMain(image.error);
      // Only a raster image type main vouched for is decoded (never an SVG).
      const source = imageDataUrlToBlob(image.value.dataUrl);
      if (!source) throw new UnreadableImage();
      const resized = await resize(source, limits);
      const bytes = new Uint8Array(await resized.blob.arrayBuffer());
      const result = await bridge.stageAttachment({
        name: renamedFor(original.name, resized.type),
        dataBase64: bytesToBase64(bytes),
        replaces: original.sha256,
      });
      if (!result.ok) throw new RefusedByMain(result.error);
      if (!staged.find(id)) {
        void bridge.discardAttachment({ sha256: result.value.sha256 });
        return;
      }
      staged.replace({ id, name: result.value.name, status: 'staged', attachment: result.value });
      return;
    } catch (error) {
      failure =
        error instanceof UnreadableImage
          ? { id: 'chat.attachments.notShrunkUnreadable' }
          : shrinkFailure(error);
    }
    if (!staged.find(id)) return;
    staged.replace({
      id,
      name: original.name,
      status: 'failed',
      attachment: original,
      reason: failure,
    });
  };

  /** Shows a file main holds; images over the providers' limits are shrunk first. */
  const settle = (id: string, attachment: StagedAttachment) => {
    if (!staged.find(id)) {
      // Removed while main was reading it: main must not keep it either.
      void bridge.discardAttachment({ sha256: attachment.sha256 });
      return;
    }
    staged.replace({ id, name: attachment.name, status: 'staged', attachment });
    if (attachment.resize) void shrink(id, attachment, attachment.resize);
  };

  const stageOne = async (file: File) => {
    const id = crypto.randomUUID();
    // A pasted screenshot has no name: the chip and main see "Pasted file" in the language now.
    const name = file.name || translate('chat.attachments.pastedFile');
    if (file.size > LARGEST_FILE) {
      refuse(name, {
        id: 'chat.attachments.tooLarge',
        values: { name, size: { bytes: file.size }, max: { bytes: LARGEST_FILE } },
      });
      return;
    }
    staged.add({ id, name, status: 'reading' });
    let dataBase64: string;
    try {
      dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    } catch {
      staged.remove(id);
      refuse(name, { id: 'chat.attachments.unreadable', values: { name } });
      return;
    }
    if (file.size === 0 || dataBase64 === '') {
      staged.remove(id);
      refuse(name, { id: 'chat.attachments.empty', values: { name } });
      return;
    }
    const result = await bridge.stageAttachment({ name, dataBase64 });
    if (!result.ok) {
      staged.remove(id);
      refuse(name, errorNote(result.error));
      return;
    }
    settle(id, result.value);
  };

  return {
    /** "Attach files": main's open dialog; what it refused is said one toast per file. */
    async attachFromDialog(): Promise<void> {
      const result = await bridge.attachFiles();
      if (!result.ok) {
        toasts.show(
          { id: 'chat.attachments.nothingAttached', values: { reason: { error: result.error } } },
          { tone: 'error' },
        );
        return;
      }
      for (const attachment of result.value.attached) {
        const id = crypto.randomUUID();
        staged.add({ id, name: attachment.name, status: 'reading' });
        settle(id, attachment);
      }
      for (const refusal of result.value.refused) refuse(refusal.name, errorNote(refusal));
    },

    /** Dropped or pasted files: their bytes are read here and given to main one by one, in order. */
    async stageFiles(files: readonly File[]): Promise<void> {
      await Promise.all(files.map((file) => stageOne(file)));
    },

    /** Removes a chip; main forgets the staged file. */
    remove(id: string): void {
      const chip = staged.find(id);
      if (!chip) return;
      staged.remove(id);
      if (chip.status !== 'reading') void bridge.discardAttachment({ sha256: chip.attachment.sha256 });
    },

    /** Removes the chips of a message main accepted (main now keeps those files with the message). */
    sent(chips: readonly StagedChip[]): void {
      staged.removeAll(chips.map((c) => c.id));
    },

    /**
     * A staged image's thumbnail as an object URL (the bytes once, as a Blob, not a data URL string
     * in the DOM), or null when main will not show it. The caller releases it when the chip goes.
     */
    async thumbnail(sha256: string): Promise<string | null> {
      const result = await bridge.getAttachmentImage({ sha256 });
      const blob = result.ok ? imageDataUrlToBlob(result.value.dataUrl) : null;
      return blob ? URL.createObjectURL(blob) : null;
    },

    releaseThumbnail(url: string): void {
      URL.revokeObjectURL(url);
    },
  };
}

export type AttachmentActions = ReturnType<typeof createAttachmentActions>;
