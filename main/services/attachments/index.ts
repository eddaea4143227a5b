export { type AttachmentIntakeDeps, createAttachmentIntake, DEFAULT_MAX_STAGED_BYTES } from './intake';
export { estimatePdfPages } from './pdf-check';
export type { AttachmentBytes, AttachmentFileReader, AttachmentIntake } from './types';
