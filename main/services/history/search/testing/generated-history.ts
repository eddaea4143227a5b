import type { Fingerprint } from '../index-persistence';
import { SearchIndex } from '../search-index';

/**
 * A generated history for the search index's tests: conversations of messages drawn from a small
 * vocabulary (so words repeat and prefixes expand to several terms), with accents, CJK and attachment
 * names, then some messages and conversations removed — every path a persisted index must carry.
 */
const WORDS = [
  'alpha',
  'alphabet',
  'alpine',
  'beta',
  'better',
  'bet',
  'gamma',
  'café',
  'Cafe',
  'naïve',
  '東',
  '京',
  'delta',
  'deltas',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'report',
  'reply',
  'regen',
  'regenerate',
  'x',
  '42',
  '4242',
  'snake_case',
  'e=mc2',
  'Zürich',
];

export interface GeneratedHistory {
  index: SearchIndex;
  fingerprints: Map<string, Fingerprint>;
  queries: string[];
}

export function generatedHistory(seed: number, conversations = 40): GeneratedHistory {
  const random = createRng(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)] as string;
  const text = (n: number) => Array.from({ length: n }, pick).join(random() < 0.3 ? ', ' : ' ');
  const index = new SearchIndex();
  const fingerprints = new Map<string, Fingerprint>();
  const ids: string[] = [];
  for (let c = 0; c < conversations; c++) {
    const id = `conv${c}`;
    ids.push(id);
    index.setConversation(id, text(1 + Math.floor(random() * 3)));
    const messages = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, m) => ({
      id: `m${m}`,
      content: text(Math.floor(random() * 30)),
      createdAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 1e9)).toISOString(),
      attachments: random() < 0.1 ? [{ name: `${pick()}.pdf` }] : undefined,
    }));
    index.addMessages(id, messages);
    fingerprints.set(id, {
      size: 100 + c,
      mtimeMs: 1_700_000_000_000 + c * 1.5,
      updatedAt: `2025-01-0${1 + (c % 9)}`,
    });
  }
  for (let c = 0; c < conversations; c += 7) index.removeMessages(`conv${c}`, ['m0', 'm2']);
  for (let c = 3; c < conversations; c += 11) {
    index.removeConversation(`conv${c}`);
    fingerprints.delete(`conv${c}`);
  }
  const queries = [
    ...WORDS.map((w) => w.toLowerCase()),
    'al',
    'alp',
    'bet',
    're',
    'reg',
    'cafe',
    'CAFÉ',
    'alpha beta',
    'delta 42',
    'zurich report',
    '東京',
    'missingword',
    'x ',
    'e mc2',
  ];
  return { index, fingerprints, queries };
}

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
