import { type KnownSecrets, knownSecrets } from './known-secrets';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * The only logging interface services get. Every line passes `redact` (key shapes, Bearer and
 * Authorization values) and the known secrets (the current and candidate keys in any case or
 * encoding, see known-secrets.ts) before it is written.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

function format(level: LogLevel, scope: string, message: string, fields?: LogFields): string {
  const extra = fields
    ? Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')
    : '';
  return `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${extra ? ` ${extra}` : ''}`;
}

/** A logger whose every line, fields included, is redacted before reaching `sink`. */
export function createLogger(
  scope: string,
  sink: LogSink,
  minLevel: LogLevel = 'info',
  secrets: KnownSecrets = knownSecrets,
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(minLevel);
  const emit = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (order.indexOf(level) < min) return;
    sink(secrets.redact(format(level, scope, message, fields)));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
