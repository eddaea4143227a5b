import { useEffect, useRef, useState } from 'react';
import { useErrorText } from '../../shared/i18n/error-text';
import { useActions } from '../app-context';

export type AttachmentImageState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; url: string }
  | { state: 'failed'; message: string };

/**
 * A stored message's image as an object URL, asked of main only once `enabled` (the thumbnail has
 * scrolled into view, or the viewer shows it). The URL stays pinned in the window's image cache while
 * the caller is mounted and is released after, so the cache may revoke it.
 */
export function useAttachmentImage(
  ref: { conversationId: string; messageId: string; sha256: string },
  enabled: boolean,
): AttachmentImageState {
  const actions = useActions();
  // Read when the answer comes, so a language switch does not ask main for the image again.
  const formatError = useErrorText();
  const errorText = useRef(formatError);
  errorText.current = formatError;
  const [image, setImage] = useState<AttachmentImageState>({ state: 'idle' });
  const { conversationId, messageId, sha256 } = ref;

  useEffect(() => {
    if (!enabled) {
      setImage({ state: 'idle' });
      return;
    }
    let current = true;
    let pinned = false;
    setImage({ state: 'loading' });
    void actions.messageAttachments.acquireImage({ conversationId, messageId, sha256 }).then((result) => {
      if (result.ok) pinned = true;
      // Unmounted (or another image asked for) before the answer came: let the cache have it back.
      if (!current) {
        if (pinned) actions.messageAttachments.releaseImage(sha256);
        return;
      }
      setImage(
        result.ok
          ? { state: 'ready', url: result.value }
          : { state: 'failed', message: errorText.current(result.error) },
      );
    });
    return () => {
      current = false;
      if (pinned) actions.messageAttachments.releaseImage(sha256);
    };
  }, [actions, conversationId, messageId, sha256, enabled]);

  return image;
}
