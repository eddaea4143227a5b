import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ReplyImage } from '../../../../common/chat-types';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';

interface ReplyImagesProps {
  conversationId: string;
  messageId: string;
  images: readonly ReplyImage[];
}

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; dataUrl: string }
  // Main's error itself, worded where shown: it follows a language switch while on screen.
  | { state: 'failed'; error: ShownError };

function ReplyImageFigure({
  conversationId,
  messageId,
  image,
  number,
}: {
  conversationId: string;
  messageId: string;
  image: ReplyImage;
  number: number;
}) {
  const actions = useActions();
  const intl = useIntl();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const label = intl.formatMessage({ id: 'messages.image.label' }, { number });
  const ref = { conversationId, messageId, imageId: image.id };

  // Bytes never live in the store: main reads the file when the image is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids are the image's identity; `ref` is rebuilt each render.
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void actions.replyImages.load({ conversationId, messageId, imageId: image.id }).then((result) => {
      if (!current) return;
      setLoaded(
        result.ok ? { state: 'ready', dataUrl: result.value } : { state: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [conversationId, messageId, image.id]);

  return (
    <figure className="reply-image" aria-label={label}>
      {loaded.state === 'ready' && <img src={loaded.dataUrl} alt={label} />}
      {loaded.state === 'loading' && (
        <p className="reply-image-placeholder" aria-busy="true">
          {intl.formatMessage({ id: 'messages.image.loading' }, { number })}
        </p>
      )}
      {loaded.state === 'failed' && (
        <p className="reply-image-error">
          {intl.formatMessage(
            { id: 'messages.image.failed' },
            { number, error: formatAppError(intl, loaded.error) },
          )}
        </p>
      )}
      <button type="button" className="button-quiet" onClick={() => void actions.replyImages.save(ref)}>
        {intl.formatMessage({ id: 'messages.image.save' })}
      </button>
    </figure>
  );
}

/** Images the model returned, under the reply's text, each with "Save image" (main's save dialog). */
export function ReplyImages({ conversationId, messageId, images }: ReplyImagesProps) {
  if (images.length === 0) return null;
  return (
    <div className="reply-images">
      {images.map((image, index) => (
        <ReplyImageFigure
          key={image.id}
          conversationId={conversationId}
          messageId={messageId}
          image={image}
          number={index + 1}
        />
      ))}
    </div>
  );
}
