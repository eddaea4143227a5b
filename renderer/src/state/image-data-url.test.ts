import { describe, expect, it } from 'vitest';
import { imageDataUrlToBlob } from './image-data-url';

/** jsdom's Blob has no arrayBuffer(); its FileReader does the same. */
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

describe('imageDataUrlToBlob', () => {
  it('turns a PNG data URL into a Blob with exactly its bytes', async () => {
    const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff];
    const blob = imageDataUrlToBlob(`data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`);
    expect(blob?.type).toBe('image/png');
    expect([...new Uint8Array(await readBlob(blob as Blob))]).toEqual(bytes);
  });

  it('refuses SVG, HTML and anything that is not a base64 raster image', () => {
    expect(imageDataUrlToBlob('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')).toBeNull();
    expect(imageDataUrlToBlob('data:text/html;base64,PGI+PC9iPg==')).toBeNull();
    expect(imageDataUrlToBlob('data:image/png,<svg>')).toBeNull();
    expect(imageDataUrlToBlob('https://example.com/a.png')).toBeNull();
  });
});
