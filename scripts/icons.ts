import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/**
 * The app icon in every container the packagers want, all rendered from one source, build/icon.svg:
 * icon.png (1024 px: Linux, and electron-builder's fallback), icon.icns (macOS), icon.ico (Windows).
 * Pure JavaScript and WebAssembly (resvg), no native module, so the output is the same on every
 * machine; build/icons.test.ts checks that the committed files match what this produces.
 */

export interface RenderedIcon {
  size: number;
  /** PNG file bytes. */
  png: Uint8Array;
  /** Straight (not premultiplied) RGBA, row by row from the top. */
  rgba: Uint8Array;
}

/** Apple's icon types that hold PNG data, by pixel size (an iconset's 1x and 2x images). */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

/** Windows icon sizes: shell views, taskbar, Alt-Tab, large and extra-large views. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/**
 * Sizes up to this one are stored as 32-bit bitmaps, which every ICO reader understands (the NSIS
 * compiler, resource editors, old shells); larger ones as PNG, as Windows has accepted since Vista
 * and electron-builder requires for the 256 px image.
 */
export const ICO_LARGEST_BITMAP = 64;

export const PNG_SIZE = 1024;

let wasmReady: Promise<void> | undefined;

function ensureWasm(): Promise<void> {
  if (!wasmReady) {
    const require = createRequire(import.meta.url);
    wasmReady = readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  }
  return wasmReady;
}

/** Renders the SVG at `size` x `size` pixels (directly, not downscaled, so small sizes stay crisp). */
export async function renderIcon(svg: string, size: number): Promise<RenderedIcon> {
  await ensureWasm();
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size } });
  const image = resvg.render();
  try {
    if (image.width !== size || image.height !== size) {
      throw new Error(`icon source must be square: rendered ${image.width}x${image.height} for ${size}`);
    }
    return { size, png: image.asPng(), rgba: unpremultiply(image.pixels) };
  } finally {
    image.free();
    resvg.free();
  }
}

/** resvg hands out premultiplied RGBA; bitmaps in an ICO want straight alpha. */
function unpremultiply(pixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 4) {
    const a = pixels[i + 3] ?? 0;
    out[i + 3] = a;
    if (a === 0) continue;
    for (let c = 0; c < 3; c++) {
      out[i + c] = Math.min(255, Math.round(((pixels[i + c] ?? 0) * 255) / a));
    }
  }
  return out;
}

/** ICNS: 'icns' + total length, then one (type, length including its 8-byte header, PNG) per image. */
export function encodeIcns(images: ReadonlyArray<{ type: string; png: Uint8Array }>): Buffer {
  const chunks = images.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`bad ICNS type ${JSON.stringify(type)}`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + chunks.reduce((sum, c) => sum + c.length, 0), 4);
  return Buffer.concat([header, ...chunks]);
}

/**
 * ICO: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image, then the images.
 * Width and height 256 are written as 0. Each image is a PNG or a BMP without its file header.
 */
export function encodeIco(images: ReadonlyArray<RenderedIcon>, largestBitmap = ICO_LARGEST_BITMAP): Buffer {
  const payloads = images.map((image) => {
    if (image.size < 1 || image.size > 256) throw new Error(`ICO images are 1..256 px, not ${image.size}`);
    return image.size <= largestBitmap ? icoBitmap(image) : Buffer.from(image.png);
  });
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    const payload = payloads[i] as Buffer;
    dir.writeUInt8(image.size === 256 ? 0 : image.size, entry);
    dir.writeUInt8(image.size === 256 ? 0 : image.size, entry + 1);
    dir.writeUInt8(0, entry + 2); // no palette
    dir.writeUInt8(0, entry + 3); // reserved
    dir.writeUInt16LE(1, entry + 4); // colour planes
    dir.writeUInt16LE(32, entry + 6); // bits per pixel
    dir.writeUInt32LE(payload.length, entry + 8);
    dir.writeUInt32LE(offset, entry + 12);
    offset += payload.length;
  });
  return Buffer.concat([dir, ...payloads]);
}

/**
 * An ICO bitmap: BITMAPINFOHEADER (height doubled: colour rows then mask rows), 32-bit BGRA rows
 * bottom-up, then the 1-bit AND mask (rows padded to 4 bytes; 1 = transparent), bottom-up too.
 */
function icoBitmap({ size, rgba }: RenderedIcon): Buffer {
  const maskStride = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(0, 16); // BI_RGB
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * 4;
      const dst = (row * size + x) * 4;
      pixels[dst] = rgba[src + 2] ?? 0;
      pixels[dst + 1] = rgba[src + 1] ?? 0;
      pixels[dst + 2] = rgba[src] ?? 0;
      const alpha = rgba[src + 3] ?? 0;
      pixels[dst + 3] = alpha;
      if (alpha === 0) {
        const byte = row * maskStride + (x >> 3);
        mask[byte] = (mask[byte] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

export interface IconSet {
  png: Buffer;
  icns: Buffer;
  ico: Buffer;
}

/** Everything `npm run icons` writes, from the SVG's text. */
export async function makeIcons(svg: string): Promise<IconSet> {
  const sizes = [...new Set([PNG_SIZE, ...ICNS_TYPES.map(([, size]) => size), ...ICO_SIZES])];
  const rendered = new Map<number, RenderedIcon>();
  for (const size of sizes) rendered.set(size, await renderIcon(svg, size));
  const at = (size: number): RenderedIcon => rendered.get(size) as RenderedIcon;
  return {
    png: Buffer.from(at(PNG_SIZE).png),
    icns: encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: at(size).png }))),
    ico: encodeIco(ICO_SIZES.map(at)),
  };
}
