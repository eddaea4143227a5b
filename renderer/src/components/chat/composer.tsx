import {
  type ClipboardEvent,
  type KeyboardEvent,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useIntl } from 'react-intl';
import {
  ATTACHMENT_LIMITS,
  type AttachmentKind,
  requiredModalities,
} from '../../../../common/attachment-types';
import type { AppError } from '../../../../common/errors';
import type { CostEstimate } from '../../../../common/spending-types';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { describeSpendingLimit } from '../../format/spending';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useAutoGrow } from '../../hooks/use-auto-grow';
import { useCostEstimate } from '../../hooks/use-cost-estimate';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { useNoteText } from '../../i18n/use-note-text';
import { CompareViewView } from '../../lazy/deferred-views';
import { COMPARE_SHORTCUT, useCompareShortcut } from '../compare/use-compare-shortcut';
import { RequestControls } from '../request-controls/request-controls';
import { AttachmentChips } from './attachment-chips';
import { AttachmentDropZone } from './attachment-drop-zone';
import { AttachmentModelAlert } from './attachment-model-alert';
import { checkAttachmentsForModel, modelsThatRead } from './attachment-model-check';
import { composerBlockReason } from './composer-block';
import { ConfirmSendDialog } from './confirm-send-dialog';
import { CostEstimateNote } from './cost-estimate';

/** Compare (issue 18) loads in a chunk of its own (issue 19), preloaded after the first paint. */
const CompareView = CompareViewView.Component;

/**
 * Where the person writes. Enter sends, Shift+Enter adds a line, and Enter while an input method is
 * composing (Japanese, Chinese…) confirms the composition instead of sending. While a reply streams,
 * Stop (or Escape) cancels it. The text stays in the field until main has accepted it: when main
 * refuses (an OpenRouter key in it, no key, offline…) it is left exactly as written, with the reason.
 * Files attached (button, drop, paste) show as chips above the box and go with the message.
 */
export function Composer() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const noteText = useNoteText();
  const keyStatus = useStoreValue(stores.keyStatus);
  const model = useStoreValue(stores.modelChoice);
  const { selectedId } = useStoreValue(stores.conversations);
  const activeStream = useActiveStream(selectedId);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // Web search covers the next message only: off again once that message is accepted.
  const [webSearchNext, setWebSearchNext] = useState(false);
  const [confirming, setConfirming] = useState<{
    estimate: CostEstimate | null;
    /** Why no estimate could be made: the person asked to be asked, so Send still asks. */
    failure: string | null;
    thresholdUsd: number;
  } | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const estimateId = useId();
  const attachReasonId = useId();
  useAutoGrow(textareaRef, draft);

  // Attachments (issue 17): sent once every chip is staged; a chip still being read or resized, or
  // one that cannot be sent, holds Send back until it is ready or removed.
  const chips = useStoreValue(stores.stagedAttachments);
  const stagedChips = useMemo(() => chips.flatMap((c) => (c.status === 'staged' ? [c] : [])), [chips]);
  const attachments = useMemo(() => stagedChips.map((c) => c.attachment.sha256), [stagedChips]);
  const tooMany = chips.length - ATTACHMENT_LIMITS.maxFilesPerMessage;
  const attachReason = chips.some((c) => c.status === 'failed')
    ? intl.formatMessage({ id: 'chat.composer.attachReason.failed' })
    : tooMany > 0
      ? intl.formatMessage(
          { id: 'chat.composer.attachReason.tooMany' },
          { max: ATTACHMENT_LIMITS.maxFilesPerMessage, extra: tooMany },
        )
      : stagedChips.length < chips.length
        ? intl.formatMessage({ id: 'chat.composer.attachReason.notReady' })
        : null;
  const hasContent = draft.trim() !== '' || chips.length > 0;

  const blocked = composerBlockReason(keyStatus, model);
  const streaming = activeStream !== null;
  const canSend = blocked === null && !streaming && !sending && hasContent && attachReason === null;

  // Estimates for paid models; a free one costs nothing unless web search (billed per search) is on.
  const settings = useStoreValue(stores.settings);
  const summary = useModelSummary(model);
  // Read, not loaded: the request controls below load the conversation's options already.
  const requestOptions = useStoreValue(stores.requestOptions);
  const webSearchAlways =
    (selectedId === null
      ? requestOptions.pending.webSearchAlways
      : requestOptions.byConversation[selectedId]?.webSearchAlways) ?? false;
  const webSearch = webSearchNext || webSearchAlways;
  const free = summary?.promptPricePerMTok === 0 && summary.completionPricePerMTok === 0;
  const estimate = useCostEstimate({
    conversationId: selectedId,
    model,
    draft,
    webSearch,
    attachments,
    enabled: blocked === null && hasContent && (!free || webSearch),
  });

  // The model check before sending: what is attached against the model's input modalities.
  const modelList = useStoreValue(stores.models).list?.models;
  const pdfEngine = settings?.pdfEngine ?? 'auto';
  const kinds = useMemo(
    () => new Set<AttachmentKind>(stagedChips.map((c) => c.attachment.kind)),
    [stagedChips],
  );
  const preferredModels = useMemo(
    () => [...(settings?.favouriteModels ?? []), ...(settings?.recentModels ?? [])],
    [settings],
  );
  const modelProblem = useMemo(
    () => checkAttachmentsForModel(kinds, pdfEngine, summary, modelList ?? [], preferredModels),
    [kinds, pdfEngine, summary, modelList, preferredModels],
  );
  const [modelCheckShown, setModelCheckShown] = useState(false);
  // Solved (another model, files removed): the alert goes, and comes back only on the next Send.
  useEffect(() => {
    if (modelProblem === null) setModelCheckShown(false);
  }, [modelProblem]);

  /**
   * With "Ask before a message that could cost more than $X" set, a fresh estimate of exactly what is
   * about to be sent decides (the one shown may lag the last keystrokes). An estimate main could not
   * give counts as unknown: the person asked to be asked.
   */
  const needsConfirmation = async (text: string) => {
    const thresholdUsd = settings?.spending.askAboveUsd ?? null;
    if (thresholdUsd === null || model === null) return null;
    const fresh = await actions.spending.estimate({
      conversationId: selectedId,
      model,
      draft: text,
      webSearch,
      attachments,
    });
    if (!fresh.ok) return { estimate: null, failure: formatAppError(intl, fresh.error), thresholdUsd };
    const estimate = fresh.value;
    return estimate.unknownPrice || estimate.highUsd > thresholdUsd
      ? { estimate, failure: null, thresholdUsd }
      : null;
  };

  const send = async (confirmed = false) => {
    if (!canSend) return;
    if (modelProblem !== null) {
      setError(null);
      setModelCheckShown(true);
      return;
    }
    const text = draft;
    const sentChips = stagedChips;
    setSending(true);
    setError(null);
    if (!confirmed) {
      const ask = await needsConfirmation(text);
      if (ask !== null) {
        setSending(false);
        setConfirming(ask);
        return;
      }
    }
    // Not cleared before main answers: a refused message (say, one holding the key) must never leave
    // the field, not even for a moment. The field is read-only meanwhile, so nothing typed is lost.
    const result = await actions.chat.send(text, { webSearch: webSearchNext, attachments });
    setSending(false);
    if (result.ok) {
      setDraft('');
      setWebSearchNext(false);
      actions.attachments.sent(sentChips);
    } else setError(result.error);
  };
  const limitReached = error ? describeSpendingLimit(error, intl) : null;

  // Main refuses too (`unsupported_input`: it also counts files earlier in the conversation).
  const refusedInput = error?.code === 'unsupported_input' ? formatAppError(intl, error) : null;
  // Main's sentence, shown as given.
  const removable = (kind: AttachmentKind) =>
    modelProblem ? modelProblem.removeKinds.has(kind) : requiredModalities([kind], pdfEngine).size > 0;
  const modelAlert =
    modelCheckShown && modelProblem
      ? modelProblem
      : refusedInput !== null
        ? {
            message: { text: refusedInput },
            // Offered only for what is attached here: a refusal for files earlier in the
            // conversation names them in main's message, and any model would match nothing.
            alternatives:
              requiredModalities(kinds, pdfEngine).size === 0
                ? []
                : modelsThatRead(
                    [...requiredModalities(kinds, pdfEngine)],
                    modelList ?? [],
                    preferredModels,
                    model,
                  ),
            removes: stagedChips.some((c) => removable(c.attachment.kind)) ? ('attachments' as const) : null,
          }
        : null;
  const switchModel = (modelId: string) => {
    actions.models.choose(modelId);
    setError(null);
    textareaRef.current?.focus();
  };
  const removeUnreadable = () => {
    for (const chip of stagedChips) if (removable(chip.attachment.kind)) actions.attachments.remove(chip.id);
    setError(null);
    textareaRef.current?.focus();
  };

  const stageFiles = useCallback((files: File[]) => void actions.attachments.stageFiles(files), [actions]);
  // A pasted file (a screenshot, a copied file) is attached; pasted text stays a normal paste.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length === 0) return;
    e.preventDefault();
    stageFiles(files);
  };
  const focusBox = useCallback(() => textareaRef.current?.focus(), []);

  const stop = () => {
    if (selectedId !== null) void actions.chat.stop(selectedId);
  };

  // Compare (issue 18): the same text and files to 2–4 models side by side, in their own view.
  const compareOpen = useStoreValue(stores.compare).open;
  const openCompare = () => {
    if (canSend) actions.compare.open({ prompt: draft, attachments, webSearch: webSearchNext });
  };
  useCompareShortcut(openCompare);
  const compareSent = () => {
    setDraft('');
    setWebSearchNext(false);
    actions.attachments.sent(stagedChips);
    setError(null);
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
      <AttachmentDropZone onFiles={stageFiles} />
      <AttachmentChips chips={chips} focusAfterLast={focusBox} />
      <div className="composer-box">
        <button
          type="button"
          className="composer-attach button-quiet"
          aria-label={intl.formatMessage({ id: 'chat.composer.attach' })}
          title={intl.formatMessage({ id: 'chat.composer.attach' })}
          onClick={() => void actions.attachments.attachFromDialog()}
        >
          <span aria-hidden="true">+</span>
        </button>
        <textarea
          ref={textareaRef}
          aria-label={intl.formatMessage({ id: 'chat.composer.message' })}
          placeholder={intl.formatMessage({ id: 'chat.composer.placeholder' })}
          rows={1}
          value={draft}
          readOnly={sending}
          aria-describedby={blocked ? reasonId : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {streaming ? (
          <button type="button" className="button-primary" onClick={stop} aria-keyshortcuts="Escape">
            {intl.formatMessage({ id: 'chat.composer.stop' })}
          </button>
        ) : (
          <button
            type="submit"
            className="button-primary"
            disabled={!canSend}
            aria-describedby={
              blocked ? reasonId : attachReason ? attachReasonId : estimate ? estimateId : undefined
            }
          >
            {intl.formatMessage({ id: 'chat.composer.send' })}
          </button>
        )}
        <button
          type="button"
          disabled={!canSend}
          title={intl.formatMessage({ id: 'chat.composer.compareTitle' })}
          aria-keyshortcuts={COMPARE_SHORTCUT}
          aria-haspopup="dialog"
          onClick={openCompare}
        >
          {intl.formatMessage({ id: 'chat.composer.compare' })}
        </button>
      </div>
      {estimate && !blocked && <CostEstimateNote id={estimateId} estimate={estimate} />}
      <RequestControls webSearchNext={webSearchNext} onWebSearchNext={setWebSearchNext} />
      {blocked && (
        <p id={reasonId} className="composer-reason">
          {noteText(blocked)}
        </p>
      )}
      {attachReason && !blocked && (
        <p id={attachReasonId} className="composer-reason">
          {attachReason}
        </p>
      )}
      {modelAlert && (
        <AttachmentModelAlert
          message={modelAlert.message}
          alternatives={modelAlert.alternatives}
          removes={modelAlert.removes}
          onUseModel={switchModel}
          onRemove={removeUnreadable}
        />
      )}
      {error && limitReached === null && refusedInput === null && (
        <p role="alert" className="composer-error">
          {intl.formatMessage({ id: 'chat.notSentBecause' }, { reason: formatAppError(intl, error) })}
        </p>
      )}
      {limitReached !== null && (
        <div className="composer-limit">
          <p role="alert" className="composer-error">
            {intl.formatMessage({ id: 'chat.notSent' }, { reason: limitReached })}
          </p>
          <button
            type="button"
            aria-haspopup="dialog"
            onClick={() => actions.dialogs.openSettings('spending')}
          >
            {intl.formatMessage({ id: 'chat.changeLimit' })}
          </button>
        </div>
      )}
      {compareOpen && (
        <Suspense fallback={null}>
          <CompareView onSent={compareSent} />
        </Suspense>
      )}
      {confirming && (
        <ConfirmSendDialog
          estimate={confirming.estimate}
          failure={confirming.failure}
          thresholdUsd={confirming.thresholdUsd}
          onCancel={() => setConfirming(null)}
          onSend={() => {
            setConfirming(null);
            void send(true);
          }}
        />
      )}
    </form>
  );
}
