import { createRng, pick, type Rng, randInt } from './rng';

// Deterministic Markdown replies, already split into "tokens": a word with its following space, or a
// punctuation / newline / Markdown-syntax piece. Each streamed content chunk carries one token.

export const DEFAULT_REPLY_TOKENS = 40;
export const HUGE_LINE_LENGTH = 1_000_000;

export interface ReplySpec {
  seed: number;
  tokens: number;
  /** Use words with multi-byte UTF-8 characters (é, 中文, 🙂, 👩‍💻). */
  multibyte: boolean;
  /** Replace the second token (the only one, in a 1-token reply) by one 1,000,000-character piece. */
  hugeLine: boolean;
}

const WORDS = [
  'the stream model request reply token chunk parser buffer window renderer message context',
  'history server client signal cancel retry limit cost usage simple careful quick steady robust',
  'clear small large every each then with from into over under keeps sends reads writes checks',
  'returns handles shows stores parses a an and or but so it this that when while before',
]
  .join(' ')
  .split(' ');
const MULTIBYTE_WORDS = 'café naïve résumé 中文 日本語 über 🙂 👩‍💻 São Ωmega 🚀 façade'.split(' ');
const IDENTIFIERS = 'total count items value result index buffer offset chunk reply'.split(' ');
const LANGUAGES = ['ts', 'python', 'bash', 'json'] as const;

/** The reply as tokens; join them for the text. */
export function buildReplyTokens(spec: ReplySpec): string[] {
  const rng = createRng(spec.seed);
  const words = spec.multibyte ? [...WORDS, ...MULTIBYTE_WORDS, ...MULTIBYTE_WORDS] : WORDS;
  const out = firstCycle(rng, words, spec.multibyte);
  for (let cycle = 1; out.length < spec.tokens; cycle++) out.push(...laterCycle(rng, words, cycle));
  const tokens = out.slice(0, spec.tokens);
  // The second token when there is one, so the stream starts normally before the oversized line.
  if (spec.hugeLine && tokens.length > 0) tokens[Math.min(1, tokens.length - 1)] = hugePiece();
  return tokens;
}

export function buildReplyText(spec: ReplySpec): string {
  return buildReplyTokens(spec).join('');
}

/** A short chain of thought, streamed as reasoning before the reply when the `reasoning` fault asks for it. */
export function buildReasoningTokens(seed: number): string[] {
  const rng = createRng(seed ^ 0x5eed);
  return [
    'Let ',
    'me ',
    'outline ',
    'the ',
    `${pick(rng, IDENTIFIERS)} `,
    'first',
    '. ',
    'Then ',
    'answer',
    '.',
  ];
}

/**
 * Exactly 40 tokens holding a paragraph, a list, a fenced code block and a table, so the default reply is
 * complete, well-formed Markdown with every element a renderer must handle.
 */
function firstCycle(rng: Rng, words: readonly string[], multibyte: boolean): string[] {
  const paragraph = multibyte
    ? ['Voilà ', 'un ', 'café ', '中文 ', '🙂 ', '👩‍💻', '.', '\n\n']
    : [`${capitalize(pick(rng, words))} `, ...spaced(rng, words, 4), pick(rng, words), '.', '\n\n'];
  const list = [
    '- ',
    `${pick(rng, words)} `,
    pick(rng, words),
    '\n',
    '- ',
    `${pick(rng, words)} `,
    pick(rng, words),
    '\n\n',
  ];
  const code = [
    '```',
    'ts',
    '\n',
    'const ',
    `${pick(rng, IDENTIFIERS)} `,
    '= ',
    String(randInt(rng, 1, 999)),
    ';',
    '\n',
    '```',
    '\n\n',
  ];
  const table = [
    '| ',
    'Name ',
    '| ',
    'Value ',
    '|',
    '\n',
    '| --- | --- |',
    '\n',
    '| ',
    `${pick(rng, words)} `,
    '| ',
    `${randInt(rng, 1, 99)} `,
    '|',
  ];
  return [...paragraph, ...list, ...code, ...table];
}

/** Later cycles keep mixing headings, paragraphs, lists, code and tables so long replies stay realistic. */
function laterCycle(rng: Rng, words: readonly string[], cycle: number): string[] {
  return [
    '\n\n',
    '## ',
    'Part ',
    String(cycle),
    '\n\n',
    ...paragraph(rng, words),
    '\n\n',
    ...list(rng, words),
    '\n',
    ...paragraph(rng, words),
    '\n\n',
    ...codeBlock(rng),
    '\n\n',
    ...paragraph(rng, words),
    '\n\n',
    ...table(rng, words),
  ];
}

function paragraph(rng: Rng, words: readonly string[]): string[] {
  const out: string[] = [];
  const sentences = randInt(rng, 2, 4);
  for (let s = 0; s < sentences; s++) {
    const length = randInt(rng, 5, 12);
    out.push(`${capitalize(pick(rng, words))} `, ...spaced(rng, words, length - 2), pick(rng, words));
    out.push(s === sentences - 1 ? '.' : pick(rng, ['. ', ', ', '; ']));
  }
  return out;
}

function list(rng: Rng, words: readonly string[]): string[] {
  const out: string[] = [];
  const items = randInt(rng, 3, 5);
  const ordered = rng() < 0.3;
  for (let i = 1; i <= items; i++) {
    out.push(ordered ? `${i}. ` : '- ', ...spaced(rng, words, randInt(rng, 1, 5)), pick(rng, words), '\n');
  }
  return out;
}

function codeBlock(rng: Rng): string[] {
  const language = pick(rng, LANGUAGES);
  const out = ['```', language, '\n'];
  const lines = randInt(rng, 3, 7);
  for (let i = 0; i < lines; i++) out.push(...codeLine(rng, language), '\n');
  out.push('```');
  return out;
}

function codeLine(rng: Rng, language: (typeof LANGUAGES)[number]): string[] {
  const a = pick(rng, IDENTIFIERS);
  const b = pick(rng, IDENTIFIERS);
  const n = String(randInt(rng, 0, 4096));
  switch (language) {
    case 'ts':
      return pick(rng, [
        ['const ', `${a} `, '= ', `${b} `, '+ ', n, ';'],
        ['if ', '(', `${a} `, '> ', n, ') ', 'return ', b, ';'],
        ['export ', 'function ', a, '(', b, ': ', 'number', ') ', '{ ', 'return ', b, '; ', '}'],
      ]);
    case 'python':
      return pick(rng, [
        [`${a} `, '= ', `${b} `, '* ', n],
        ['def ', a, '(', b, '): ', 'return ', b],
        ['print', '(', `f"{${a}}"`, ')'],
      ]);
    case 'bash':
      return pick(rng, [
        ['echo ', '"$', a.toUpperCase(), '"'],
        ['export ', a.toUpperCase(), '=', n],
        ['ls ', '-la ', `./${b}`],
      ]);
    case 'json':
      return ['  ', '"', a, '": ', n, ','];
  }
}

function table(rng: Rng, words: readonly string[]): string[] {
  const out = ['| ', 'Key ', '| ', 'Value ', '| ', 'Note ', '|', '\n', '| --- | ---: | --- |', '\n'];
  const rows = randInt(rng, 2, 4);
  for (let r = 0; r < rows; r++) {
    out.push(
      '| ',
      `${pick(rng, IDENTIFIERS)} `,
      '| ',
      `${randInt(rng, 0, 999)} `,
      '| ',
      `${pick(rng, words)} `,
      '|',
    );
    if (r < rows - 1) out.push('\n');
  }
  return out;
}

/** `count` words, each with its following space. */
function spaced(rng: Rng, words: readonly string[], count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, () => `${pick(rng, words)} `);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function hugePiece(): string {
  const unit = 'lorem ipsum dolor sit amet ';
  return unit.repeat(Math.ceil(HUGE_LINE_LENGTH / unit.length)).slice(0, HUGE_LINE_LENGTH);
}
