import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

/** Whether a drag carries files (not text or a link being dragged within the page). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dropped anywhere on the chat window are attached. The listeners are on the window, so a drop
 * outside the composer is caught too: in Electron a drop nobody handles makes the window navigate to
 * the dropped file, replacing the app (electron/electron#5919, #1965: "preventDefault on drag and
 * drop" is the fix). Only drags carrying files are taken; dragging text into the message box stays
 * the browser's. While files are dragged over the window an overlay says what dropping does.
 */
export function AttachmentDropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [dragging, setDragging] = useState(false);
  const intl = useIntl();

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed: count them to know when the drag leaves.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the drop is not allowed, and the browser's own handling (navigation) applies.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) onFiles(files);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
    };
  }, [onFiles]);

  if (!dragging) return null;
  return (
    <div className="attachment-drop-overlay">
      <p>{intl.formatMessage({ id: 'chat.attachments.dropHere' })}</p>
    </div>
  );
}
