import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { pickModel } from './helpers/ui';

/**
 * "History that never loses a word", end to end: the harness (main's services) is killed with SIGKILL
 * while a reply streams, restarted on the same data directory, and the reply is there — marked
 * interrupted, its text kept, with Regenerate offered.
 */
const root = resolve(import.meta.dirname, '../..');

async function startHarnessProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'e2e/harness/cli.ts', '--data-dir', dataDir, '--import-emulator-key'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`harness exited early (${code})`)));
    lines.on('line', (line) => {
      const match = /^Switchboard harness: (\S+)/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
  });
  return { child, url };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill('SIGKILL');
  });
}

test('a reply interrupted by a crash is kept and offers regenerate', async ({ page }) => {
  test.setTimeout(90_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-crash-'));
  const first = await startHarnessProcess(dataDir);
  let second: ChildProcess | null = null;
  try {
    await page.goto(first.url);
    await pickModel(page, 'emulator/drip-20+tokens-400', 'Emulator: drip-20+tokens-400');
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Tell me a long story');
    await composer.press('Enter');
    const reply = page.getByRole('article', { name: 'assistant message' }).last();
    // Let at least two checkpoint intervals (500 ms each) pass with text arriving.
    await expect
      .poll(async () => ((await reply.textContent()) ?? '').length, { timeout: 20_000 })
      .toBeGreaterThan(80);
    await expect
      .poll(async () => ((await reply.textContent()) ?? '').length, { timeout: 20_000 })
      .toBeGreaterThan(160);
    const shownBeforeKill = ((await reply.textContent()) ?? '').trim();
    await killHard(first.child);

    const restarted = await startHarnessProcess(dataDir);
    second = restarted.child;
    await page.goto(restarted.url);
    await page.getByRole('navigation', { name: 'Conversations' }).getByText('Tell me a long story').click();
    const recovered = page.getByRole('article', { name: 'assistant message' }).last();
    await expect(recovered).toContainText('interrupted');
    await expect(recovered.getByRole('button', { name: 'Regenerate' })).toBeVisible();
    const recoveredText = ((await recovered.textContent()) ?? '').trim();
    // At most one checkpoint interval (~10 tokens at 20 tokens/s) may be lost: the start of what was on
    // screen must be there.
    const head = shownBeforeKill.slice(0, Math.max(0, shownBeforeKill.length - 120));
    expect(recoveredText.replace(/\s+/g, ' ')).toContain(head.replace(/\s+/g, ' ').slice(0, 60));
  } finally {
    const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
    if (running(first.child)) await killHard(first.child);
    if (second && running(second)) await killHard(second);
  }
});
