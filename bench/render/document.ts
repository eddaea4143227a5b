// Deterministic synthetic assistant reply for the render benchmark: the mix an
// LLM produces for a technical question (headings, prose with inline markup,
// fenced code, nested and loose lists, tables, quotes, math), cut into
// LLM-sized tokens.

import { createRng } from '../../e2e/emulator/rng';

type Random = () => number;

const WORDS = (
  'the renderer parser block stream token update frame cost memory layout markdown message reply model ' +
  'request response cache index value result buffer state event handler component settle tail chunk ' +
  'incremental boundary fence table list paragraph heading quote code math link image option config ' +
  'server client network latency throughput budget profile measure improve reduce avoid ensure check'
).split(' ');

const IDENTIFIERS = [
  'parseBlock',
  'renderTail',
  'splitSource',
  'fetchReply',
  'tokenCount',
  'frameBudget',
  'settle',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function sentence(random: Random): string {
  const words: string[] = [];
  const length = between(random, 8, 20);
  for (let index = 0; index < length; index++) {
    const roll = random();
    const word = pick(random, WORDS);
    if (roll < 0.05) words.push(`\`${pick(random, IDENTIFIERS)}()\``);
    else if (roll < 0.08) words.push(`**${word}**`);
    else if (roll < 0.1) words.push(`*${word}*`);
    else if (roll < 0.115) words.push(`[${word} docs](https://docs.example.com/${word})`);
    else if (roll < 0.125) words.push(`$O(n \\log ${between(random, 2, 9)})$`);
    else words.push(word);
  }
  const text = words.join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
}

function paragraph(random: Random): string {
  return Array.from({ length: between(random, 2, 5) }, () => sentence(random)).join(' ');
}

const CODE_TEMPLATES: Record<string, (random: Random, line: number) => string> = {
  ts: (random, line) =>
    line % 6 === 0
      ? ''
      : `  const ${pick(random, IDENTIFIERS)}${line} = await ${pick(random, IDENTIFIERS)}(${between(random, 1, 999)}, '${pick(random, WORDS)}');`,
  python: (random, line) =>
    line % 5 === 0
      ? ''
      : `    ${pick(random, WORDS)}_${line} = ${pick(random, IDENTIFIERS)}(${between(random, 0, 99)})  # ${pick(random, WORDS)}`,
  bash: (random, line) =>
    `npm run ${pick(random, WORDS)} -- --${pick(random, WORDS)}=${between(random, 1, 64)} # step ${line}`,
  json: (random, line) =>
    `  "${pick(random, WORDS)}${line}": ${random() < 0.5 ? between(random, 0, 9999) : `"${pick(random, WORDS)}"`},`,
  rust: (random, line) =>
    `    let ${pick(random, WORDS)}_${line}: u32 = ${pick(random, WORDS)}.iter().map(|x| x * ${between(random, 2, 9)}).sum();`,
};

function codeBlock(random: Random): string {
  const language = pick(random, Object.keys(CODE_TEMPLATES));
  const template = CODE_TEMPLATES[language];
  const lines = Array.from(
    { length: between(random, 8, 40) },
    (_, line) => template?.(random, line + 1) ?? '',
  );
  return `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
}

function list(random: Random): string {
  const ordered = random() < 0.5;
  const loose = random() < 0.3;
  const items = Array.from({ length: between(random, 3, 7) }, (_, index) => {
    const marker = ordered ? `${index + 1}.` : '-';
    const pad = ' '.repeat(marker.length + 1);
    let item = `${marker} ${sentence(random)}`;
    if (random() < 0.3) item += `\n${pad}- ${sentence(random)}\n${pad}- ${sentence(random)}`;
    return item;
  });
  return items.join(loose ? '\n\n' : '\n');
}

function table(random: Random): string {
  const columns = between(random, 3, 5);
  const header = Array.from({ length: columns }, () => pick(random, WORDS));
  const rows = Array.from({ length: between(random, 4, 10) }, () =>
    Array.from({ length: columns }, () =>
      random() < 0.4 ? `${between(random, 1, 500)} ms` : pick(random, WORDS),
    ),
  );
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function section(random: Random, index: number): string {
  const parts = [`## ${index + 1}. ${sentence(random).slice(0, -1)}`];
  const count = between(random, 3, 6);
  for (let part = 0; part < count; part++) {
    const roll = random();
    if (roll < 0.35) parts.push(paragraph(random));
    else if (roll < 0.6) parts.push(codeBlock(random));
    else if (roll < 0.78) parts.push(list(random));
    else if (roll < 0.88) parts.push(table(random));
    else if (roll < 0.95) parts.push(`> ${sentence(random)}\n> ${sentence(random)}`);
    else
      parts.push(
        `$$\n\\sum_{i=1}^{${between(random, 2, 50)}} x_i^2 = \\frac{${between(random, 1, 9)}}{n}\n$$`,
      );
  }
  return parts.join('\n\n');
}

// Roughly how BPE tokenizers cut text: words with their leading space, short
// digit runs, punctuation clusters, and runs of whitespace or newlines.
const TOKEN = /[ \t]?[A-Za-z]{1,10}|[ \t]?\d{1,3}|[ \t]?[^\sA-Za-z\d]{1,3}|\s+/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A reply of exactly `tokenCount` tokens (the last section is cut mid-way, as a stopped stream would be). */
export function benchmarkTokens(tokenCount: number, seed = 20_000): string[] {
  const random = createRng(seed);
  const tokens: string[] = tokenize(`# Benchmark reply\n\n${paragraph(random)}\n\n`);
  for (let index = 0; tokens.length < tokenCount; index++) {
    tokens.push(...tokenize(`${section(random, index)}\n\n`));
  }
  return tokens.slice(0, tokenCount);
}

// ---- the long reply (issue 19: "a 100,000-token reply: long code listings, tables, math") ----

function longCodeListing(random: Random): string {
  const language = pick(random, Object.keys(CODE_TEMPLATES));
  const template = CODE_TEMPLATES[language];
  const lines = Array.from(
    { length: between(random, 120, 400) },
    (_, line) => template?.(random, line + 1) ?? '',
  );
  return `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
}

function longTable(random: Random): string {
  const columns = between(random, 4, 7);
  const header = Array.from({ length: columns }, () => pick(random, WORDS));
  const rows = Array.from({ length: between(random, 30, 90) }, () =>
    Array.from({ length: columns }, () =>
      random() < 0.3
        ? `${between(random, 1, 500)} ms`
        : random() < 0.15
          ? `\`${pick(random, IDENTIFIERS)}\``
          : pick(random, WORDS),
    ),
  );
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function mathBlock(random: Random): string {
  const n = between(random, 2, 50);
  return pick(random, [
    `$$\n\\sum_{i=1}^{${n}} x_i^2 = \\frac{${between(random, 1, 9)}}{n}\n$$`,
    `$$\n\\int_0^{${n}} e^{-x^2} \\, dx \\approx \\sqrt{\\pi} / 2\n$$`,
    `$$\n\\begin{aligned} a_${n} &= b + c \\\\ d &= \\frac{a}{${n}} \\end{aligned}\n$$`,
  ]);
}

function longSection(random: Random, index: number): string {
  const parts = [`## ${index + 1}. ${sentence(random).slice(0, -1)}`, paragraph(random)];
  const count = between(random, 3, 6);
  for (let part = 0; part < count; part++) {
    const roll = random();
    if (roll < 0.3) parts.push(longCodeListing(random));
    else if (roll < 0.5) parts.push(longTable(random));
    else if (roll < 0.65) parts.push(mathBlock(random));
    else if (roll < 0.8) parts.push(list(random));
    else parts.push(paragraph(random));
  }
  return parts.join('\n\n');
}

/** The long reply: mostly long code listings and tables, with display math, lists and prose. */
export function longBenchmarkTokens(tokenCount: number, seed = 100_000): string[] {
  const random = createRng(seed);
  const tokens: string[] = tokenize(`# Long benchmark reply\n\n${paragraph(random)}\n\n`);
  for (let index = 0; tokens.length < tokenCount; index++) {
    tokens.push(...tokenize(`${longSection(random, index)}\n\n`));
  }
  return tokens.slice(0, tokenCount);
}
