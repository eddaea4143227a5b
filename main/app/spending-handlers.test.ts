/**
 * Through the composed services (issue 16): the Spending view's figures, a conversation's total and
 * the CSV export come from the ledger in the data directory, and the CSV is written only where the
 * person picked in main's save dialog.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerEntry } from '../services/ledger/testing/entries';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function withLedger(lines: string[], chooseCsvFile: (name: string) => Promise<string | null>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-spending-'));
  dirs.push(dataDir);
  await mkdir(join(dataDir, 'ledger'), { recursive: true });
  await writeFile(join(dataDir, 'ledger', 'ledger.jsonl'), lines.map((l) => `${l}\n`).join(''));
  const names: string[] = [];
  const services = composeServices(
    testServiceAdapters({
      dataDir,
      dialogs: {
        chooseExportFile: async () => null,
        chooseImportFile: async () => null,
        chooseAttachFiles: async () => null,
        chooseAttachmentFile: async () => null,
        chooseImageFile: async () => null,
        chooseCsvFile: async (name) => {
          names.push(name);
          return chooseCsvFile(name);
        },
      },
    }),
  );
  await services.init();
  return { services, dataDir, names, ctx: { windowId: 1, emit: () => undefined } };
}

const now = new Date().toISOString();

describe('spending through IPC handlers', () => {
  it('sums the ledger per day, model and conversation, and shows a damaged line instead of hiding it', async () => {
    const { services, ctx } = await withLedger(
      [
        JSON.stringify(ledgerEntry({ conversationId: 'c1', at: now, costUsd: 0.25, model: 'a/x' })),
        JSON.stringify(ledgerEntry({ conversationId: 'c1', at: now, costUsd: 0.5, model: 'b/y' })),
        JSON.stringify(ledgerEntry({ conversationId: 'c2', at: now, costUsd: 1, model: 'a/x' })),
        '{"messageId":"torn"',
      ],
      async () => null,
    );
    const summary = await services.handlers.getSpending({ days: 30 }, ctx);
    expect(summary.days).toHaveLength(30);
    expect(summary.todayUsd).toBe(1.75);
    expect(summary.rangeTotalUsd).toBe(1.75);
    expect(summary.byModel).toEqual([
      { model: 'a/x', totalUsd: 1.25, replies: 2 },
      { model: 'b/y', totalUsd: 0.5, replies: 1 },
    ]);
    expect(summary.damaged).toBe(1);
    expect(await services.handlers.getConversationSpending({ conversationId: 'c1' }, ctx)).toEqual({
      totalUsd: 0.75,
      replies: 2,
      estimated: false,
    });
    await services.shutdown();
  });

  it('exports the ledger as CSV where the person picked, formulas defused; a cancelled dialog writes nothing', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'switchboard-spending-out-'));
    dirs.push(outDir);
    let answer: string | null = null;
    const { services, ctx, names } = await withLedger(
      [JSON.stringify(ledgerEntry({ at: now, costUsd: 0.125, model: '=HYPERLINK("x")', provider: 'A, B' }))],
      async () => answer,
    );
    expect(await services.handlers.exportSpendingCsv({ days: 30 }, ctx)).toEqual({
      saved: false,
      fileName: null,
    });
    answer = join(outDir, 'spend.csv');
    expect(await services.handlers.exportSpendingCsv({ days: 30 }, ctx)).toEqual({
      saved: true,
      fileName: 'spend.csv',
    });
    expect(names).toEqual(['switchboard-spending-30-days.csv', 'switchboard-spending-30-days.csv']);
    const csv = await readFile(answer, 'utf8');
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'finished_at,conversation_id,message_id,generation_id,model,provider,prompt_tokens,cached_prompt_tokens,completion_tokens,reasoning_tokens,cost_usd,byok,upstream_cost_usd,accuracy',
    );
    expect(row).toContain(`,"'=HYPERLINK(""x"")","A, B",`);
    expect(row).toContain(',0.125,false,,exact');
    await services.shutdown();
  });

  it('a negative or non-numeric limit in the stored settings is reported and never used', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-spending-settings-'));
    dirs.push(dataDir);
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({
        formatVersion: 1,
        settings: { spending: { dailyUsd: -5, monthlyUsd: 'ten', askAboveUsd: null } },
      }),
    );
    const services = composeServices(testServiceAdapters({ dataDir }));
    await services.init();
    const settings = await services.handlers.getSettings(undefined, { windowId: 1, emit: () => undefined });
    expect(settings.spending).toEqual({ dailyUsd: null, monthlyUsd: null, askAboveUsd: null });
    expect(settings.problems).toEqual([expect.objectContaining({ field: 'spending' })]);
    expect(settings.problems[0]?.message).toMatch(/Settings → Spending/);
    await services.shutdown();
  });
});
