import { type KnownSecrets, knownSecrets } from '../known-secrets';
import { createLogger, type Logger } from '../logger';

/**
 * Collects lines in memory; tests read `lines` to prove nothing secret was logged. It is the real
 * logger (same format, same redaction) with a sink that keeps the lines, at every level.
 */
export function createMemoryLogger(
  scope = 'test',
  secrets: KnownSecrets = knownSecrets,
): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger(scope, (l) => lines.push(l), 'debug', secrets),
    { lines },
  );
}
