import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';
import { useActions, useStores } from '../../app-context';
import { useFocusTrap } from '../../hooks/use-focus-trap';
import { useStoreValue } from '../../hooks/use-store-value';
import { MAX_COMPARE_COLUMNS, MIN_COMPARE_COLUMNS } from '../../state/compare-store';
import { CompareColumnView } from './compare-column';
import { CompareRefusal } from './compare-refusal';
import { useCompareStreaming } from './use-compare-streaming';

interface CompareViewProps {
  /** Main accepted the compare: the composer empties its field and lets go of the sent files. */
  onSent: () => void;
}

/**
 * The Compare view (issue 18): the composer's prompt, 2–4 columns each with its own model, sent to all
 * at once. A modal above the chat (focus kept inside); it stays below the window's dialogs (the model
 * picker for a column, Settings from "Change limit"), and is inert while one is open. Escape stops every
 * column still streaming, and closes the view once none is.
 */
export function CompareView({ onSent }: CompareViewProps) {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const state = useStoreValue(stores.compare);
  const dialogs = useStoreValue(stores.dialogs);
  const streaming = useCompareStreaming();
  const ref = useRef<HTMLDivElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const choosing = state.phase === 'choosing';

  const close = () => void actions.compare.close();
  const onEscape = () => (streaming ? void actions.compare.stopAll() : close());
  useFocusTrap(ref, { onEscape, initialFocusRef: sendRef });
  // Escape with focus outside the view (a removed button let it go) still stops or closes; inside it,
  // the focus trap handles it and stops it from reaching here.
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || stores.dialogs.anyOpen()) return;
      e.preventDefault();
      onEscapeRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
  const anyDialog =
    dialogs.settingsOpen ||
    dialogs.spendingOpen ||
    dialogs.picker !== null ||
    dialogs.modelDetailsOpen ||
    dialogs.conversationOptionsOpen;

  const send = async () => {
    // The footer goes while the columns stream; focus stays in the view instead of falling to the page.
    ref.current?.focus();
    const result = await actions.compare.send();
    if (result.ok) onSent();
  };

  return createPortal(
    <div className="compare-backdrop" inert={anyDialog}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="compare"
        tabIndex={-1}
      >
        <header className="compare-header">
          <h2 id={titleId}>{intl.formatMessage({ id: 'compare.title' })}</h2>
          {streaming && (
            <button type="button" onClick={() => void actions.compare.stopAll()} aria-keyshortcuts="Escape">
              {intl.formatMessage({ id: 'compare.stopAll' })}
            </button>
          )}
          <button type="button" className="button-quiet" onClick={close}>
            {intl.formatMessage({ id: 'common.close' })}
          </button>
        </header>
        <section className="compare-prompt" aria-label={intl.formatMessage({ id: 'compare.prompt' })}>
          <p data-i18n-content>{state.prompt}</p>
          {state.attachments.length > 0 && (
            <p className="compare-prompt-files">
              {intl.formatMessage({ id: 'compare.attachedFiles' }, { count: state.attachments.length })}
            </p>
          )}
        </section>
        {state.error && <CompareRefusal error={state.error} />}
        <div className="compare-columns" data-columns={state.columns.length}>
          {state.columns.map((column, index) => (
            <CompareColumnView
              key={column.key}
              column={column}
              index={index}
              choosing={choosing}
              canRemove={state.columns.length > MIN_COMPARE_COLUMNS}
              stored={state.phase === 'sent'}
              onContinue={(key) => void actions.compare.continueWith(key)}
            />
          ))}
        </div>
        {choosing && (
          <footer className="compare-footer">
            <button
              type="button"
              disabled={state.columns.length >= MAX_COMPARE_COLUMNS}
              onClick={() => actions.compare.addColumn()}
            >
              {intl.formatMessage({ id: 'compare.addModel' })}
            </button>
            <button ref={sendRef} type="button" className="button-primary" onClick={() => void send()}>
              {intl.formatMessage({ id: 'compare.sendToAll' })}
            </button>
          </footer>
        )}
      </div>
    </div>,
    document.body,
  );
}
