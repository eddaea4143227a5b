import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useActions, useStores } from '../../app-context';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useAutoGrow } from '../../hooks/use-auto-grow';
import { useStoreValue } from '../../hooks/use-store-value';
import { RequestControls } from '../request-controls/request-controls';
import { composerBlockReason } from './composer-block';

/**
 * Where the person writes. Enter sends, Shift+Enter adds a line, and Enter while an input method is
 * composing (Japanese, Chinese…) confirms the composition instead of sending. While a reply streams,
 * Stop (or Escape) cancels it. The text stays in the field until main has accepted it: when main
 * refuses (an OpenRouter key in it, no key, offline…) it is left exactly as written, with the reason.
 */
export function Composer() {
  const stores = useStores();
  const actions = useActions();
  const keyStatus = useStoreValue(stores.keyStatus);
  const model = useStoreValue(stores.modelChoice);
  const { selectedId } = useStoreValue(stores.conversations);
  const activeStream = useActiveStream(selectedId);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Web search covers the next message only: off again once that message is accepted.
  const [webSearchNext, setWebSearchNext] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  useAutoGrow(textareaRef, draft);

  const blocked = composerBlockReason(keyStatus, model);
  const streaming = activeStream !== null;
  const canSend = blocked === null && !streaming && !sending && draft.trim() !== '';

  const send = async () => {
    if (!canSend) return;
    const text = draft;
    setSending(true);
    setError(null);
    // Not cleared before main answers: a refused message (say, one holding the key) must never leave
    // the field, not even for a moment. The field is read-only meanwhile, so nothing typed is lost.
    const result = await actions.chat.send(text, { webSearch: webSearchNext });
    setSending(false);
    if (result.ok) {
      setDraft('');
      setWebSearchNext(false);
    } else setError(result.error.message);
  };

  const stop = () => {
    if (selectedId !== null) void actions.chat.stop(selectedId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape' && streaming) {
      e.preventDefault();
      stop();
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey) return;
    // keyCode 229 is what some engines report for keys consumed by an input method.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void send();
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="composer-box">
        <textarea
          ref={textareaRef}
          aria-label="Message"
          placeholder="Write a message"
          rows={1}
          value={draft}
          readOnly={sending}
          aria-describedby={blocked ? reasonId : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        {streaming ? (
          <button type="button" className="button-primary" onClick={stop} aria-keyshortcuts="Escape">
            Stop
          </button>
        ) : (
          <button
            type="submit"
            className="button-primary"
            disabled={!canSend}
            aria-describedby={blocked ? reasonId : undefined}
          >
            Send
          </button>
        )}
      </div>
      <RequestControls webSearchNext={webSearchNext} onWebSearchNext={setWebSearchNext} />
      {blocked && (
        <p id={reasonId} className="composer-reason">
          {blocked}
        </p>
      )}
      {error && (
        <p role="alert" className="composer-error">
          Not sent: {error}
        </p>
      )}
    </form>
  );
}
