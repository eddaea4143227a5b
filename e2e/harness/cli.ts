import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './harness';

/**
 * `npm run harness -- [--port N] [--base-url URL] [--data-dir DIR] [--import-env-key] [--import-emulator-key]`
 * Starts the browser harness and prints the URL to open; runs until interrupted. A tool for one
 * person on this machine: the chat page's URL carries this run's credential after `#` (it is in nothing
 * the harness serves), so open it exactly as printed, in your own browser, and share it with no one.
 * Reloading keeps it; a page opened without it cannot reach main.
 *
 * "Type it in a separate window": the harness opens no window itself. Each time the chat page asks for
 * one, the key-entry URL is printed here; open it in the same browser (a new tab or window). It carries
 * a one-time token for that window only — it works once, and a reload of that page loses its bridge
 * (ask for the window again to get a fresh URL).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'base-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'import-env-key': { type: 'boolean', default: false },
    /** With the built-in emulator: store its test key, so the chat works at once. */
    'import-emulator-key': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const envKey = process.env.OPENROUTER_API_KEY;
if (values['import-env-key'] && !envKey) {
  console.error('--import-env-key given but OPENROUTER_API_KEY is not set.');
  process.exit(2);
}
const dataDir = values['data-dir'];
const harness = await startHarness({
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
  ...(dataDir ? { dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir) } : {}),
  // Main sees OPENROUTER_API_KEY as the app would; --import-env-key accepts it, encrypted.
  ...(envKey ? { env: { OPENROUTER_API_KEY: envKey } } : {}),
  ...(values['import-env-key'] ? { importEnvKey: 'encrypted' as const } : {}),
  ...(values.verbose ? { logSink: (line: string) => console.error(line) } : {}),
  onKeyWindowRequest: (url) => console.log(`Key-entry window requested; open it (works once): ${url}`),
});

// Store the key before announcing the URL: the URL line is what scripts wait for.
if (harness.emulator && values['import-emulator-key']) {
  await harness.services.vault.store({
    key: harness.emulator.defaultKey,
    source: 'env',
    persistence: 'encrypted',
  });
}
if (harness.emulator) {
  console.log(`OpenRouter emulator: ${harness.emulator.baseUrl}`);
  if (values['import-emulator-key']) console.log('Stored the emulator test key (never printed).');
}
console.log(`Data directory: ${harness.dataDir}`);
console.log(
  "Open the chat page at the exact URL below: the part after # is this run's credential (keep it to yourself).",
);
console.log(`Switchboard harness: ${harness.url}`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await harness.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
