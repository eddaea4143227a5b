import type { Exchange } from './exchange';
import { sleep } from './timing';

// The `utf8-split` fault: bytes of one multi-byte character land in different network reads, which breaks
// any client that decodes each read on its own instead of with a streaming decoder.

/** Gap between the pieces, long enough for loopback TCP to deliver them as separate reads. */
const PIECE_GAP_MS = 10;

/** Splits right after the lead byte of the first multi-byte sequence; one piece when there is none. */
export function splitInsideFirstMultibyte(bytes: Uint8Array): Uint8Array[] {
  // Lead bytes of multi-byte sequences are 11xxxxxx; continuation bytes are 10xxxxxx.
  const lead = bytes.findIndex((b) => b >= 0xc0);
  if (lead < 0) return [bytes];
  return [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

/** Writes `text`, flushing each piece on its own so a multi-byte character straddles two reads. */
export async function writeSplittingUtf8(ex: Exchange, text: string): Promise<void> {
  const pieces = splitInsideFirstMultibyte(Buffer.from(text, 'utf8'));
  if (pieces.length === 1) {
    await ex.write(text);
    return;
  }
  for (const piece of pieces) {
    await ex.write(piece, { flush: true });
    await sleep(PIECE_GAP_MS, ex.signal);
  }
}
