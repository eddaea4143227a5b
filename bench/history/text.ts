/**
 * Deterministic, roughly English-shaped text for the benchmark history.
 *
 * Word frequencies follow Zipf's law like real text: a head of common English words makes up about
 * half of all words, then a long tail of rarer ones (pseudo-words built from syllables, plus
 * identifiers and numbers as chat about code has). That shape matters: it decides how long the
 * posting lists are, so it decides search memory and latency.
 */

const COMMON =
  `the of and to a in is it you that he was for on are with as I his they be at one have this from or
had by not word but what some we can out other were all there when up use your how said an each she which
do their time if will way about many then them write would like so these her long make thing see him two
has look more day could go come did number sound no most people my over know water than call first who may
down side been now find any new work part take get place made live where after back little only round man
year came show every good me give our under name very through just form sentence great think say help low
line differ turn cause much mean before move right boy old too same tell does set three want air well also
play small end put home read hand port large spell add even land here must big high such follow act why
ask men change went light kind off need house picture try us again animal point mother world near build
self earth father function return value error string array object type class import export async await
promise request response server client data file code test build model reply stream token memory`.split(
    /\s+/,
  );

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ra',
  'to',
  'su',
  'vi',
  'den',
  'par',
  'ex',
  'qua',
  'zen',
  'tri',
  'mor',
  'fal',
  'gon',
  'ish',
  'ump',
  'ber',
  'cor',
  'dil',
  'est',
  'fyn',
  'gra',
  'hul',
  'jor',
  'kel',
  'lum',
  'nox',
];

export interface Vocabulary {
  words: string[];
  /** Draws a word index with Zipf-like probability (rank r has weight ~ 1/r). */
  draw(random: () => number): number;
}

export function makeVocabulary(random: () => number, tailSize = 40_000): Vocabulary {
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  while (words.length < COMMON.length + tailSize) {
    const kind = random();
    let w: string;
    if (kind < 0.8) {
      w = '';
      const n = 2 + Math.floor(random() * 3);
      for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    } else if (kind < 0.93) {
      // camelCase identifiers; the tokenizer keeps them whole, like real code words.
      w = `${SYLLABLES[Math.floor(random() * SYLLABLES.length)]}${SYLLABLES[Math.floor(random() * SYLLABLES.length)]}Id${Math.floor(random() * 100)}`;
    } else {
      w = String(Math.floor(random() * 100_000));
    }
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const logN = Math.log(words.length);
  return { words, draw: (r) => Math.min(words.length - 1, Math.floor(Math.exp(r() * logN)) - 1) };
}

export function makeText(random: () => number, vocabulary: Vocabulary, length: number): string {
  let out = '';
  let sentenceStart = true;
  while (out.length < length) {
    let word = vocabulary.words[vocabulary.draw(random)] ?? 'word';
    if (sentenceStart) word = word.charAt(0).toUpperCase() + word.slice(1);
    const p = random();
    const end = p < 0.07 ? '. ' : p < 0.09 ? ', ' : p < 0.095 ? '.\n\n' : ' ';
    out += word + end;
    sentenceStart = end.startsWith('.');
  }
  return out.trimEnd();
}

/** Lengths skewed toward short, with a long tail: user prompts ~250 chars, replies ~1,200 on average. */
export function messageLength(random: () => number, role: 'user' | 'assistant'): number {
  const skew = random() ** 2;
  return role === 'user' ? 20 + Math.floor(skew * 700) : 150 + Math.floor(skew * 3200);
}

/** ~50 varied queries: common and rare words, pairs and triples, short prefixes, and misses. */
export function makeQueries(random: () => number, vocabulary: Vocabulary): string[] {
  const pick = (from: number, to: number) =>
    vocabulary.words[from + Math.floor(random() * (to - from))] ?? 'word';
  const n = vocabulary.words.length;
  const queries: string[] = [];
  for (let i = 0; i < 8; i++) queries.push(pick(0, 60));
  for (let i = 0; i < 10; i++) queries.push(pick(200, 2000));
  for (let i = 0; i < 10; i++) queries.push(pick(2000, n));
  for (let i = 0; i < 8; i++) queries.push(`${pick(0, 200)} ${pick(200, 5000)}`);
  for (let i = 0; i < 5; i++) queries.push(`${pick(200, 3000)} ${pick(200, 3000)} ${pick(0, 100)}`);
  for (let i = 0; i < 5; i++) queries.push(pick(200, n).slice(0, 2 + Math.floor(random() * 3)));
  for (let i = 0; i < 4; i++) queries.push(`zzqx${Math.floor(random() * 1000)}`);
  return queries;
}
