import type { AccountError } from './account-errors';

/**
 * "No endpoints found that support image input" (404): no provider of the model reads what the request
 * carries. The wording is OpenRouter's, quoted in several public reports (fixtures/real/errors/
 * image-input-404-no-endpoints.reconstructed.json and SOURCES.md); the same sentence names `audio` or
 * `file` for those inputs. Said as `unsupported_input`, like main's own check before sending, so the
 * window offers the same way out: a model that can read it, or removing the attachments.
 */
const NO_INPUT_SUPPORT = /no endpoints found that support (image|audio|file|video) input/i;

export function unsupportedInputError(status: number | undefined, message: string): AccountError | undefined {
  if (status !== undefined && status !== 404) return undefined;
  const kind = message.match(NO_INPUT_SUPPORT)?.[1]?.toLowerCase();
  if (kind === undefined) return undefined;
  // `kind` picks the words in the catalog (image, audio, file, video).
  return {
    code: 'unsupported_input',
    message: { id: 'errors.openrouter.unsupportedInput', values: { kind } },
  };
}
