import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger } from '../services/log/logger';

/** Log lines go to `<userData>/logs/main.log` (0600) and stderr; `createLogger` has redacted them. */
export function fileLogger(userDataDir: string): (scope: string) => Logger {
  const dir = join(userDataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stream = createWriteStream(join(dir, 'main.log'), { flags: 'a', mode: 0o600 });
  const sink = (line: string) => {
    stream.write(`${line}\n`);
    process.stderr.write(`${line}\n`);
  };
  return (scope) => createLogger(scope, sink);
}
