import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { ReplyImageRef } from '../../../common/ipc/contract';
import type { Result } from '../../../common/ipc/define';
import { errorNote } from '../../shared/i18n/error-text';
import type { ToastsStore } from '../state/toasts-store';

export interface ReplyImageActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getReplyImage' | 'saveReplyImage'>;
  toasts: ToastsStore;
}

/** Images in replies: main holds the files; the page asks for one by its ids, to show or to save. */
export function createReplyImageActions(deps: ReplyImageActionsDeps) {
  const { bridge, toasts } = deps;
  return {
    /** The image as a data URL main read from its file (and checked is the image type it claims). */
    async load(ref: ReplyImageRef): Promise<Result<string>> {
      const result = await bridge.getReplyImage(ref);
      return result.ok ? { ok: true, value: result.value.dataUrl } : result;
    },

    /** Saves through main's save dialog; says where it went, or why not. Cancelling says nothing. */
    async save(ref: ReplyImageRef): Promise<void> {
      const result = await bridge.saveReplyImage(ref);
      if (!result.ok) toasts.show(errorNote(result.error), { tone: 'error' });
      else if (result.value.saved)
        toasts.show(
          result.value.fileName == null
            ? { id: 'chat.replyImage.savedSomewhere' }
            : { id: 'chat.replyImage.saved', values: { file: result.value.fileName } },
        );
    },
  };
}

export type ReplyImageActions = ReturnType<typeof createReplyImageActions>;
