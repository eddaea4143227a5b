import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { LedgerEntry } from '../../common/spending-types';
import { createRng } from '../../e2e/emulator/rng';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../main/services/private-files/private-files';

const MODELS = [
  'openai/gpt-4o',
  'anthropic/claude-sonnet-4',
  'google/gemini-2.5-pro',
  'openai/o3',
  'deepseek/deepseek-r1',
  'meta-llama/llama-3.3-70b-instruct',
];

/**
 * One year of heavy use written straight to `<dir>/ledger.jsonl` in the ledger's format: `entries`
 * replies spread over the 365 days before `now`, across 2,000 conversations and six models, about
 * one in fifty estimated and then superseded by an exact line (as a stopped reply is).
 */
export async function generateLedger(opts: {
  dir: string;
  entries: number;
  now: number;
  seed: number;
}): Promise<{ lines: number; bytes: number }> {
  await ensurePrivateDir(opts.dir);
  const lines = ledgerLines(opts, 'r');
  const text = `${lines.join('\n')}\n`;
  await fs.writeFile(join(opts.dir, 'ledger.jsonl'), text, { mode: PRIVATE_FILE_MODE });
  return { lines: lines.length, bytes: Buffer.byteLength(text) };
}

/** Appends `entries` more replies (new message ids) to the ledger, as the app would after a snapshot. */
export async function appendEntries(opts: { dir: string; entries: number; now: number; seed: number }) {
  const lines = ledgerLines(opts, 'a');
  await fs.appendFile(join(opts.dir, 'ledger.jsonl'), `${lines.join('\n')}\n`);
  return lines.length;
}

function ledgerLines(opts: { entries: number; now: number; seed: number }, idPrefix: string): string[] {
  const random = createRng(opts.seed);
  const year = 365 * 24 * 3_600_000;
  const lines: string[] = [];
  for (let i = 0; i < opts.entries; i++) {
    const at = new Date(opts.now - Math.floor(random() * year)).toISOString();
    const prompt = 200 + Math.floor(random() * 20_000);
    const completion = 50 + Math.floor(random() * 2_000);
    const entry: LedgerEntry = {
      messageId: `${idPrefix}${i.toString(16).padStart(32, '0')}`,
      conversationId: `bench${String(Math.floor(random() * 2_000)).padStart(6, '0')}`,
      generationId: `gen-${Math.floor(random() * 1e12).toString(36)}`,
      at,
      model: MODELS[Math.floor(random() * MODELS.length)] as string,
      provider: 'Provider',
      promptTokens: prompt,
      cachedPromptTokens: random() < 0.3 ? Math.floor(prompt / 2) : 0,
      completionTokens: completion,
      reasoningTokens: random() < 0.2 ? Math.floor(completion / 2) : 0,
      costUsd: Math.round(random() * 0.05 * 1e8) / 1e8,
      byok: random() < 0.05,
      upstreamCostUsd: null,
      accuracy: 'exact',
    };
    if (random() < 0.02) lines.push(JSON.stringify({ ...entry, accuracy: 'estimated', costUsd: 0.001 }));
    lines.push(JSON.stringify(entry));
  }
  return lines;
}
