import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/test-support';
import { encodeIndex, readIndexFile, SEARCH_INDEX_VERSION, writeIndexFile } from './index-persistence';
import type { SearchIndex } from './search-index';
import { generatedHistory } from './testing/generated-history';

let dir: string;
let cleanup: () => Promise<void>;
let path: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  path = join(dir, 'search-index.bin');
});
afterEach(async () => {
  await cleanup();
});

const answers = (index: SearchIndex, queries: readonly string[]) =>
  queries.map((q) => {
    const { hits, total } = index.search(q, 50);
    return { q, total, hits };
  });

/** Replaces the payload's checksum so a crafted change gets past it (to test the checks behind it). */
function resealed(file: Buffer): Buffer {
  const out = Buffer.from(file);
  createHash('sha256').update(out.subarray(48)).digest().copy(out, 16);
  return out;
}

/** The file with its metadata JSON changed by `edit`, lengths and checksum made consistent again. */
function withMeta(file: Buffer, edit: (meta: Record<string, unknown>) => void): Buffer {
  const metaLength = file.readUInt32LE(48);
  const meta = JSON.parse(file.toString('utf8', 52, 52 + metaLength)) as Record<string, unknown>;
  edit(meta);
  const text = Buffer.from(JSON.stringify(meta), 'utf8');
  const align8 = (n: number) => (n + 7) & ~7;
  const sections = file.subarray(48 + align8(4 + metaLength));
  const head = Buffer.alloc(48 + align8(4 + text.length));
  file.copy(head, 0, 0, 48);
  head.writeUInt32LE(text.length, 48);
  text.copy(head, 52);
  const out = Buffer.concat([head, sections]);
  out.writeUInt32LE(out.length - 48, 12);
  return resealed(out);
}

describe('the persisted search index', () => {
  it('answers exactly as the index it was saved from, for many generated histories', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { index, fingerprints, queries } = generatedHistory(seed);
      const before = answers(index, queries);
      await writeIndexFile(path, await encodeIndex(index.snapshot(), fingerprints));
      const result = await readIndexFile(path);
      if (!result.ok) throw new Error(result.reason);
      expect(answers(result.loaded.index, queries)).toEqual(before);
      expect(result.loaded.fingerprints).toEqual(fingerprints);
      expect(result.loaded.index.stats()).toEqual({ ...index.stats(), postingBytes: expect.any(Number) });
      // And it keeps working as an index: changes after loading behave as on the original.
      for (const target of [index, result.loaded.index]) {
        target.addMessages('conv1', [
          { id: 'new', content: 'alpha brandnew', createdAt: '2026-01-01T00:00:00Z' },
        ]);
        target.removeConversation('conv2');
        target.setConversation('conv5', 'renamed zeta');
      }
      expect(answers(result.loaded.index, [...queries, 'brandnew', 'renamed'])).toEqual(
        answers(index, [...queries, 'brandnew', 'renamed']),
      );
    }
  });

  it('is written owner-only (0600)', async () => {
    const { index, fingerprints } = generatedHistory(9);
    await fs.writeFile(path, 'old', { mode: 0o644 });
    await writeIndexFile(path, await encodeIndex(index.snapshot(), fingerprints));
    if (process.platform !== 'win32') expect((await fs.stat(path)).mode & 0o777).toBe(0o600);
  });

  it('is discarded when cut short anywhere', async () => {
    const { index, fingerprints } = generatedHistory(10, 8);
    const file = await encodeIndex(index.snapshot(), fingerprints);
    for (let length = 0; length < file.length; length += 3) {
      await fs.writeFile(path, file.subarray(0, length));
      const result = await readIndexFile(path);
      expect(result.ok, `cut at ${length} of ${file.length}`).toBe(false);
    }
  });

  it('is discarded when any byte is flipped', async () => {
    const { index, fingerprints } = generatedHistory(11, 8);
    const file = await encodeIndex(index.snapshot(), fingerprints);
    for (let at = 0; at < file.length; at += 5) {
      const damaged = Buffer.from(file);
      damaged[at] = (damaged[at] ?? 0) ^ (1 << (at % 8));
      await fs.writeFile(path, damaged);
      const result = await readIndexFile(path);
      expect(result.ok, `flipped byte ${at} of ${file.length}`).toBe(false);
    }
  });

  it('is discarded when of another version or kind, even with a valid checksum', async () => {
    const { index, fingerprints } = generatedHistory(12, 8);
    const file = await encodeIndex(index.snapshot(), fingerprints);
    const newer = Buffer.from(file);
    newer.writeUInt32LE(SEARCH_INDEX_VERSION + 1, 8);
    await fs.writeFile(path, newer);
    expect(await readIndexFile(path)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('version'),
    });
    await fs.writeFile(
      path,
      withMeta(file, (m) => {
        m.kind = 'something-else';
      }),
    );
    expect((await readIndexFile(path)).ok).toBe(false);
    await fs.writeFile(path, 'not an index at all');
    expect((await readIndexFile(path)).ok).toBe(false);
    await fs.rm(path);
    expect(await readIndexFile(path)).toMatchObject({ ok: false, reason: 'there is none yet' });
  });

  it('is discarded, never allocated from, when its counts or offsets are out of range (valid checksum)', async () => {
    const { index, fingerprints } = generatedHistory(13, 8);
    const file = await encodeIndex(index.snapshot(), fingerprints);
    const cases: Array<[string, Buffer]> = [
      [
        'huge term count',
        withMeta(file, (m) => {
          m.termCount = 0x7ffffffe;
        }),
      ],
      [
        'huge message count',
        withMeta(file, (m) => {
          m.docCount = 2_000_000_000;
        }),
      ],
      [
        'huge posting bytes',
        withMeta(file, (m) => {
          m.postingBytes = 0x7ffffff0;
        }),
      ],
      [
        'negative count',
        withMeta(file, (m) => {
          m.docCount = -1;
        }),
      ],
      [
        'a count not a number',
        withMeta(file, (m) => {
          m.termTextBytes = 'x';
        }),
      ],
      [
        'huge id text',
        withMeta(file, (m) => {
          m.idTextBytes = 0x7ffffff0;
        }),
      ],
      [
        'conversation id not an id',
        withMeta(file, (m) => {
          (m.conversations as unknown[][])[0] = ['../escape', 't', 1, 1, 'u'];
        }),
      ],
      [
        'conversation listed twice',
        withMeta(file, (m) => {
          const list = m.conversations as unknown[][];
          list[1] = list[0] as unknown[];
        }),
      ],
      [
        'a live message of a removed conversation',
        withMeta(file, (m) => {
          m.conversations = (m.conversations as unknown[][]).map(() => ['', '', 0, 0, '']);
        }),
      ],
    ];
    // Snapshots that are wrong in themselves, written with a valid checksum.
    const tampered = (edit: (s: ReturnType<SearchIndex['snapshot']>) => void) => {
      const snapshot = index.snapshot();
      edit(snapshot);
      return encodeIndex(snapshot, fingerprints);
    };
    cases.push([
      'a repeated term',
      await tampered((s) => {
        const terms = s.termText.split('\n');
        terms[1] = terms[0] as string;
        s.termText = terms.join('\n');
      }),
    ]);
    cases.push([
      'a missing message id',
      await tampered((s) => {
        s.messageIdText = s.messageIdText.slice(0, s.messageIdText.lastIndexOf('\n'));
      }),
    ]);
    cases.push([
      'an extra term',
      await tampered((s) => {
        s.termText += '\nextra';
        s.termCount += 1;
      }),
    ]);
    // Huge length fields in the header and the section table.
    const hugeMeta = Buffer.from(file);
    hugeMeta.writeUInt32LE(0xfffffff0, 48);
    cases.push(['huge metadata length', resealed(hugeMeta)]);
    const hugePayload = Buffer.from(file);
    hugePayload.writeUInt32LE(0xfffffff0, 12);
    cases.push(['huge payload length', hugePayload]);
    // A posting offset past the end, and a posting byte that makes a message number out of range.
    const metaLength = file.readUInt32LE(48);
    const termCount = index.stats().terms;
    const sectionsStart = 48 + ((4 + metaLength + 7) & ~7);
    const offsetsStart = sectionsStart + ((termCount * 4 + 7) & ~7);
    const badOffset = Buffer.from(file);
    badOffset.writeUInt32LE(0x7fffffff, offsetsStart + 4);
    cases.push(['posting offset out of range', resealed(badOffset)]);
    const badOrder = Buffer.from(file);
    badOrder.writeUInt32LE(0xffff, sectionsStart);
    cases.push(['term order not a permutation', resealed(badOrder)]);
    cases.push([
      'message number out of range',
      await tampered((s) => {
        const bytes = s.postings.bytes.slice();
        bytes.fill(0x7f, bytes.length - 3);
        s.postings = { offsets: s.postings.offsets, bytes };
      }),
    ]);
    for (const [name, damaged] of cases) {
      await fs.writeFile(path, damaged);
      const result = await readIndexFile(path);
      expect(result.ok, name).toBe(false);
      // Caught by the check meant for it, not by the checksum (these files were resealed).
      if (!name.startsWith('huge payload'))
        expect(result.ok ? '' : result.reason, name).not.toMatch(/checksum|cut short/);
    }
  });
});
