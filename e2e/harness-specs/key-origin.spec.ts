import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { SwitchboardBridge } from '../../common/ipc/bridge-types';
import { type Emulator, startEmulator } from '../emulator/server';
import { type Harness, type HarnessOptions, startHarness } from '../harness/harness';
import { ui } from './helpers/ui';

/**
 * A launch setting cannot send the stored key anywhere. A key stored while Switchboard talked to
 * OpenRouter at origin A is bound to A inside its ciphertext; the next launch on the same data
 * directory, pointed at B (another emulator, standing in for a collector that same-user malware
 * named with `launchctl setenv`), must send B nothing with the key unless the person says so in
 * main's dialog (played by `harness.answers`), and the window must say why chat is paused.
 */

type WithBridge = { switchboard: SwitchboardBridge };

let dataDir: string;
let key: string;
/** Origin of the first launch's emulator, where the key was verified. */
let originA: string;
let collector: Emulator;
let second: Harness | null = null;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-key-origin-'));
  // The first launch, at A: the key is verified there and stored encrypted.
  const first = await startHarness({ dataDir });
  if (!first.emulator) throw new Error('the first launch runs its own emulator');
  key = first.emulator.defaultKey;
  originA = first.emulator.origin;
  await first.services.vault.store({ key, source: 'clipboard', persistence: 'encrypted' });
  await first.close();
  collector = await startEmulator();
});

test.afterEach(async () => {
  await second?.close();
  second = null;
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The next launch on the same data directory, pointed at B. */
async function launchAtCollector(options: Pick<HarnessOptions, 'answers'> = {}): Promise<Harness> {
  second = await startHarness({ dataDir, baseUrl: collector.baseUrl, ...options });
  return second;
}

function withKey(emulator: Emulator) {
  return emulator.requests.filter((r) => (r.headers.authorization ?? '').includes(key));
}

const paused = (app: Page) => app.getByRole('region', { name: 'Chat is paused' });

test('without consent, the key never reaches the other origin and the window says why chat is paused', async ({
  page: app,
}) => {
  const harness = await launchAtCollector();
  await app.goto(harness.url);

  // Main asked, once, naming both origins; the harness answered its default, "don't send".
  await expect
    .poll(() => harness.questions)
    .toEqual([{ kind: 'send-key-to-origin', keyOrigin: originA, launchOrigin: collector.origin }]);

  const explanation = paused(app);
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText(originA);
  await expect(explanation).toContainText(`add a key for ${collector.origin}`);
  await expect(explanation).toContainText('start Switchboard without that setting');
  await expect(ui(app).composer).toHaveAccessibleDescription(
    `Chat is paused: your saved key is not sent to ${collector.origin}`,
  );

  // Whatever the page asks for (a compromised page included), main answers with a typed error and
  // makes no request: loading models, verifying the key, sending a message.
  const answers = await app.evaluate(async () => {
    const bridge = (window as unknown as WithBridge).switchboard;
    const models = await bridge.listModels({ refresh: true });
    const verified = await bridge.verifyKey();
    const created = await bridge.createConversation({ model: 'openai/gpt-4o' });
    if (!created.ok) throw new Error(created.error.message);
    const sent = await bridge.sendMessage({
      streamId: crypto.randomUUID(),
      conversationId: created.value.id,
      content: 'hello',
      model: 'openai/gpt-4o',
    });
    return {
      models: models.ok ? 'ok' : models.error.code,
      verified: verified.ok ? 'ok' : verified.error.code,
      conversationId: created.value.id,
      sent: sent.ok ? 'started' : sent.error.code,
    };
  });
  expect(answers.models).toBe('key_origin_mismatch');
  expect(answers.verified).toBe('key_origin_mismatch');
  // A send starts a reply, which ends at once with the typed error (main's copy in history).
  expect(answers.sent).toBe('started');
  await expect
    .poll(async () => {
      const { messages } = await harness.services.history.messages(answers.conversationId, { limit: 10 });
      return messages.find((m) => m.role === 'assistant')?.error?.code ?? null;
    })
    .toBe('key_origin_mismatch');

  expect(withKey(collector)).toEqual([]);
  expect(collector.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  // Asked once only, whatever the page did.
  expect(harness.questions).toHaveLength(1);
});

test('with consent, this launch sends the key to the other origin', async ({ page: app }) => {
  const harness = await launchAtCollector({ answers: { 'send-key-to-origin': true } });
  await app.goto(harness.url);
  await expect.poll(() => harness.questions.map((q) => q.kind)).toEqual(['send-key-to-origin']);
  await expect.poll(() => harness.services.vault.status().state).toBe('stored');
  await expect(paused(app)).toHaveCount(0);

  // The model picker loads the list from B with the key.
  await ui(app).modelButton.click();
  await expect(ui(app).picker).toBeVisible();
  await expect(ui(app).models.getByRole('option').first()).toBeVisible();
  expect(withKey(collector).length).toBeGreaterThan(0);
  expect(withKey(collector)[0]?.headers.authorization).toBe(`Bearer ${key}`);
});

test('while paused, adding a key binds it to the new origin and chat resumes there', async ({
  page: app,
}) => {
  const harness = await launchAtCollector();
  await app.goto(harness.url);
  await expect(paused(app)).toBeVisible();

  harness.clipboard.text = collector.defaultKey;
  await app.getByRole('button', { name: 'Paste from clipboard' }).click();
  await expect(paused(app)).toHaveCount(0);
  await expect.poll(() => harness.services.vault.status().state).toBe('stored');
  // Verified at B (GET /key) with the key just entered: that is the origin it is now bound to.
  expect(withKey(collector).map((r) => r.path)).toContain('/api/v1/key');
  // The old question is not asked again.
  expect(harness.questions).toHaveLength(1);
});
