import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, ICNS_TYPES, ICO_SIZES, makeIcons, renderIcon } from '../scripts/icons';

/**
 * The committed icons, read with parsers written here from the formats' definitions (independent of
 * the writer in scripts/icons.ts), and compared with a fresh render of build/icon.svg.
 */

const dir = import.meta.dirname;
const read = (name: string) => readFileSync(join(dir, name));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR; throws unless it is a PNG. */
function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  if (data.toString('latin1', data.length - 8, data.length - 4) !== 'IEND') throw new Error('truncated PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  kind: 'png' | 'bmp';
  data: Buffer;
}

function parseIco(file: Buffer): IcoEntry[] {
  if (file.length < 6) throw new Error('too short for an ICONDIR');
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an icon file');
  const count = file.readUInt16LE(4);
  if (count === 0 || file.length < 6 + 16 * count) throw new Error('bad directory');
  const ranges: Array<[number, number]> = [];
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const width = file.readUInt8(at) || 256;
    const height = file.readUInt8(at + 1) || 256;
    const bitCount = file.readUInt16LE(at + 6);
    const size = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    if (offset < 6 + 16 * count || offset + size > file.length) throw new Error(`entry ${i} out of bounds`);
    ranges.push([offset, offset + size]);
    const data = file.subarray(offset, offset + size);
    if (data.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const png = pngSize(data);
      if (png.width !== width || png.height !== height) throw new Error(`entry ${i}: PNG size mismatch`);
      entries.push({ width, height, bitCount, kind: 'png', data });
    } else {
      // BITMAPINFOHEADER, height doubled for the AND mask, then colour rows and mask rows.
      if (data.readUInt32LE(0) !== 40) throw new Error(`entry ${i}: neither PNG nor BITMAPINFOHEADER`);
      if (data.readInt32LE(4) !== width || data.readInt32LE(8) !== 2 * height) {
        throw new Error(`entry ${i}: bitmap size mismatch`);
      }
      const bpp = data.readUInt16LE(14);
      const expected = 40 + width * height * (bpp / 8) + Math.ceil(width / 32) * 4 * height;
      if (bpp !== 32 || data.length !== expected) throw new Error(`entry ${i}: bitmap length`);
      entries.push({ width, height, bitCount, kind: 'bmp', data });
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i]?.[0] ?? 0) < (ranges[i - 1]?.[1] ?? 0)) throw new Error('overlapping entries');
  }
  return entries;
}

function parseIcns(file: Buffer): Array<{ type: string; data: Buffer }> {
  if (file.length < 8 || file.toString('latin1', 0, 4) !== 'icns') throw new Error('not an icns file');
  if (file.readUInt32BE(4) !== file.length) throw new Error('icns length does not match the file');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let at = 8;
  while (at < file.length) {
    if (at + 8 > file.length) throw new Error('truncated chunk header');
    const length = file.readUInt32BE(at + 4);
    if (length < 8 || at + length > file.length) throw new Error('chunk out of bounds');
    chunks.push({ type: file.toString('latin1', at, at + 4), data: file.subarray(at + 8, at + length) });
    at += length;
  }
  return chunks;
}

describe('build/icon.ico', () => {
  const entries = parseIco(read('icon.ico'));

  it('has every Windows size, 32-bit, 256 px among them (electron-builder needs at least 256)', () => {
    expect(entries.map((e) => [e.width, e.height])).toEqual(ICO_SIZES.map((s) => [s, s]));
    expect(entries.every((e) => e.bitCount === 32)).toBe(true);
    expect(Math.max(...entries.map((e) => e.width))).toBe(256);
  });

  it('stores small sizes as bitmaps and large ones as PNG', () => {
    expect(entries.map((e) => [e.width, e.kind])).toEqual([
      [16, 'bmp'],
      [24, 'bmp'],
      [32, 'bmp'],
      [48, 'bmp'],
      [64, 'bmp'],
      [128, 'png'],
      [256, 'png'],
    ]);
  });

  it('is opaque in the middle and transparent in the corners', () => {
    const bmp = entries.find((e) => e.width === 32) as IcoEntry;
    // Rows are stored bottom-up, BGRA; the AND mask marks transparent pixels.
    const alphaAt = (x: number, y: number) => bmp.data[40 + ((31 - y) * 32 + x) * 4 + 3];
    expect(alphaAt(16, 16)).toBe(255);
    expect(alphaAt(0, 0)).toBe(0);
    const maskStart = 40 + 32 * 32 * 4;
    expect((bmp.data[maskStart + 31 * 4] ?? 0) & 0x80).toBe(0x80); // top-left corner: masked
  });

  it('rejects files that are not icons', () => {
    expect(() => parseIco(read('icon.png'))).toThrow();
    expect(() => parseIco(read('icon.ico').subarray(0, 200))).toThrow(/out of bounds/);
    const noPng = Buffer.from(read('icon.ico'));
    const last = 6 + 16 * (ICO_SIZES.length - 1);
    noPng.fill(0, noPng.readUInt32LE(last + 12), noPng.readUInt32LE(last + 12) + 8);
    expect(() => parseIco(noPng)).toThrow(/neither PNG nor BITMAPINFOHEADER/);
  });
});

describe('build/icon.icns', () => {
  const chunks = parseIcns(read('icon.icns'));

  it('holds a PNG of the right size for every iconset slot, up to 1024 px', () => {
    expect(chunks.map((c) => c.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const chunk of chunks) {
      const size = ICNS_TYPES.find(([type]) => type === chunk.type)?.[1];
      expect(pngSize(chunk.data), chunk.type).toEqual({ width: size, height: size });
    }
    expect(chunks.map((c) => c.type)).toEqual(expect.arrayContaining(['ic09', 'ic10'])); // 512 and 1024
  });

  it('rejects files that are not icns', () => {
    expect(() => parseIcns(read('icon.ico'))).toThrow(/not an icns/);
    expect(() => parseIcns(read('icon.icns').subarray(0, 1000))).toThrow(/length/);
  });
});

describe('build/icon.png', () => {
  it('is a 1024 px PNG', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(() => pngSize(read('icon.svg'))).toThrow(/not a PNG/);
  });
});

describe('npm run icons', () => {
  it('reproduces the committed files from build/icon.svg (run it after editing the SVG)', async () => {
    const icons = await makeIcons(readFileSync(join(dir, 'icon.svg'), 'utf8'));
    expect(icons.png.equals(read('icon.png')), 'icon.png is stale').toBe(true);
    expect(icons.icns.equals(read('icon.icns')), 'icon.icns is stale').toBe(true);
    expect(icons.ico.equals(read('icon.ico')), 'icon.ico is stale').toBe(true);
  });

  it('writes containers its own parsers here can read back', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="2" fill="red"/></svg>';
    const a = await renderIcon(svg, 16);
    const b = await renderIcon(svg, 256);
    const ico = parseIco(encodeIco([a, b]));
    expect(ico.map((e) => [e.width, e.kind])).toEqual([
      [16, 'bmp'],
      [256, 'png'],
    ]);
    // Top half red, bottom half transparent; bitmap rows bottom-up, BGRA.
    const top = 40 + 15 * 16 * 4;
    expect([...(ico[0]?.data.subarray(top, top + 4) ?? [])]).toEqual([0, 0, 255, 255]);
    expect(ico[0]?.data[40 + 3]).toBe(0);
    const icns = parseIcns(encodeIcns([{ type: 'ic08', png: b.png }]));
    expect(icns).toHaveLength(1);
    expect(pngSize(icns[0]?.data as Buffer)).toEqual({ width: 256, height: 256 });
    expect(() => encodeIcns([{ type: 'toolong', png: a.png }])).toThrow(/bad ICNS type/);
    await expect(
      renderIcon('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1"/>', 8),
    ).rejects.toThrow(/square/);
  });
});
