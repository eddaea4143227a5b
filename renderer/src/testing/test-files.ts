/**
 * Files as a drop or paste hands them over. jsdom's File has no `arrayBuffer()` (Chromium's has), so
 * the bytes are given to it here; `pending` holds the read back until the test releases it.
 */
export function makeFile(
  content: Uint8Array | string,
  name: string,
  options: { type?: string; pending?: Promise<void> } = {},
): File {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  const file = new File([bytes], name, { type: options.type ?? '' });
  Object.defineProperty(file, 'arrayBuffer', {
    value: async () => {
      await options.pending;
      return bytes.slice().buffer;
    },
  });
  return file;
}

/** A 1×1 PNG (a real one: signature, IHDR, IDAT, IEND). */
export const PNG_1X1 = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
