import { type KeyboardEvent, useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ModelSummary } from '../../../../common/chat-types';
import { useStores } from '../../app-context';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { Dialog } from '../dialog';
import { ModelDetailsPanel } from '../model-picker/model-details-panel';

/**
 * Ctrl/Cmd+K and Ctrl/Cmd+, open their dialogs from a window listener that only knows the dialogs in
 * the dialogs store; this one is local, so it keeps those shortcuts from stacking a dialog over it.
 * React's stopPropagation stops the native event too, before it reaches `window`.
 */
function swallowDialogShortcuts(e: KeyboardEvent<HTMLDivElement>) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
  const key = e.key.toLowerCase();
  if (key !== 'k' && key !== ',') return;
  e.preventDefault();
  e.stopPropagation();
}

function ModelDetailsDialog({ model, onClose }: { model: ModelSummary; onClose: () => void }) {
  // In <body> beside the app, like the other dialogs, so the header's layout never clips or shifts it.
  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: a wrapper that only stops shortcuts bubbling out of the dialog.
    <div className="model-details-layer" onKeyDown={swallowDialogShortcuts}>
      <Dialog title="Model details" onClose={onClose} className="model-details-dialog">
        <div className="dialog-body">
          <ModelDetailsPanel model={model} />
        </div>
      </Dialog>
    </div>,
    document.body,
  );
}

/**
 * Beside the model button: the chat's current model in detail (description, cutoff, limits, every price,
 * retirement), the same panel the picker shows for its highlighted row.
 */
export function ModelDetailsButton() {
  const stores = useStores();
  const modelId = useStoreValue(stores.modelChoice);
  const model = useModelSummary(modelId);
  const [open, setOpen] = useState(false);
  const whyId = useId();
  // Described by the model's name, or by why there is nothing to show. aria-disabled rather than
  // disabled, so the button stays in the Tab order and a screen reader can say why it does nothing.
  const about = model ? model.name : modelId ? 'Not in the model list' : 'No model chosen';
  return (
    <>
      <button
        type="button"
        className="button-quiet model-details-button"
        aria-label="Model details"
        aria-describedby={whyId}
        aria-haspopup="dialog"
        aria-disabled={model ? undefined : true}
        onClick={() => {
          if (model) setOpen(true);
        }}
      >
        <span aria-hidden="true">Details</span>
        <span id={whyId} className="visually-hidden">
          {about}
        </span>
      </button>
      {open && model && <ModelDetailsDialog model={model} onClose={() => setOpen(false)} />}
    </>
  );
}
