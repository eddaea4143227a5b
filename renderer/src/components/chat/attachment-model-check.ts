import {
  type AttachmentKind,
  MODALITY_FOR_KIND,
  type PdfEngineChoice,
  requiredModalities,
} from '../../../../common/attachment-types';
import type { ModelSummary } from '../../../../common/chat-types';
import type { Note } from '../../i18n/note';

/** Why the chosen model cannot take the attachments, and the ways out the composer offers. */
export interface AttachmentModelProblem {
  /** "<Model name> cannot read images." */
  message: Note;
  /** Up to three models that read everything attached. */
  alternatives: ModelSummary[];
  /** The kinds the model cannot read: what the remove button takes out. */
  removeKinds: ReadonlySet<AttachmentKind>;
  /** What the remove button says it removes: "Remove the images" or "Remove attachments". */
  removes: 'images' | 'attachments';
}

/** The order modalities are named in (`what` in `chat.attachments.cannotRead`: `imageAudio`…). */
const MODALITY_ORDER = ['image', 'audio', 'file'];

const MAX_ALTERNATIVES = 3;

/** The kinds that need `modality` (a PDF needs `file` only with the model's own reading). */
function kindsNeeding(modality: string, kinds: ReadonlySet<AttachmentKind>): AttachmentKind[] {
  return [...kinds].filter((kind) =>
    modality === 'file' ? kind === 'pdf' : MODALITY_FOR_KIND[kind] === modality,
  );
}

/** The author part of a model id ("openai" of "openai/gpt-4o"). */
const authorOf = (id: string | null) => (id === null ? null : (id.split('/')[0] ?? null));

/**
 * Up to three models (other than `current`) that read text and every modality in `required`: the
 * person's favourites and recent models first, then the current model's own maker's, then the list's
 * order.
 */
export function modelsThatRead(
  required: readonly string[],
  models: readonly ModelSummary[],
  preferred: readonly string[],
  current: string | null,
): ModelSummary[] {
  const author = authorOf(current);
  const rank = (m: ModelSummary) => {
    const at = preferred.indexOf(m.id);
    if (at >= 0) return at;
    return preferred.length + (authorOf(m.id) === author ? 0 : 1);
  };
  const needs = ['text', ...required];
  return models
    .filter((m) => m.id !== current && needs.every((r) => m.inputModalities.includes(r)))
    .map((m, index) => ({ m, index }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.index - b.index)
    .slice(0, MAX_ALTERNATIVES)
    .map(({ m }) => m);
}

/**
 * Checks the chosen model's `input_modalities` against what is attached, before anything is sent
 * (issue 17: never a silent drop). A model the list does not know is not judged here: main sends it
 * and OpenRouter answers. `preferred` (recent models, favourites) orders the alternatives.
 */
export function checkAttachmentsForModel(
  attachedKinds: Iterable<AttachmentKind>,
  engine: PdfEngineChoice,
  model: ModelSummary | undefined,
  models: readonly ModelSummary[],
  preferred: readonly string[],
): AttachmentModelProblem | null {
  if (!model) return null;
  const kinds = new Set(attachedKinds);
  const required = [...requiredModalities(kinds, engine)];
  const missing = required.filter((m) => !model.inputModalities.includes(m));
  if (missing.length === 0) return null;

  const alternatives = modelsThatRead(required, models, preferred, model.id);

  const removeKinds = new Set(missing.flatMap((m) => kindsNeeding(m, kinds)));
  const onlyImages = removeKinds.size === 1 && removeKinds.has('image');
  const what = MODALITY_ORDER.filter((m) => missing.includes(m))
    .map((m, i) => (i === 0 ? m : `${m.charAt(0).toUpperCase()}${m.slice(1)}`))
    .join('');
  return {
    message: { id: 'chat.attachments.cannotRead', values: { model: model.name || model.id, what } },
    alternatives,
    removeKinds,
    removes: onlyImages ? 'images' : 'attachments',
  };
}
