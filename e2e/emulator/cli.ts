import { parseArgs } from 'node:util';
import { startEmulator } from './server';

// Runs the emulator by hand, to point a dev build of the app at it:
//   npx tsx e2e/emulator/cli.ts [--port N] [--key sk-or-…]

const { values } = parseArgs({
  options: { port: { type: 'string' }, key: { type: 'string', multiple: true } },
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}
const extraKeys = values.key ?? [];
const emulator = await startEmulator({ port, keys: extraKeys.map((key) => ({ key })) });

console.log('OpenRouter emulator listening');
console.log(`  Base URL:    ${emulator.baseUrl}`);
console.log(`  Default key: ${emulator.defaultKey}`);
for (const key of extraKeys) console.log(`  Extra key:   ${key}`);
console.log(`  OAuth:       ${emulator.origin}/auth?callback_url=…`);

const stop = (signal: NodeJS.Signals) => {
  console.log(`\n${signal}: stopping`);
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
