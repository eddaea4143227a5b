/** Image bytes for tests: real magic numbers, enough for the type checks (not decodable pictures). */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
]);
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
/** One encrypted reasoning block as OpenRouter documents it (opaque; sent back unchanged). */
export const SAMPLE_REASONING_DETAILS = [
  {
    type: 'reasoning.encrypted',
    data: 'gAAAAB-opaque==',
    id: 'rs_1',
    format: 'openai-responses-v1',
    index: 0,
  },
];
