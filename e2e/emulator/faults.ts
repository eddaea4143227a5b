// Turns the `x-emulator-fault` header and an `emulator/<mode>+<mode>` model id into one typed plan.
// Anything unrecognised is an error, so a typo in a test fails loudly instead of silently testing
// the happy path.

import { type AvailabilityFaultCode, isAvailabilityFaultCode } from './errors';
import { isRealErrorName, type RealErrorName } from './real-errors';
import { isReplayName, type ReplayName } from './replay-streams';

export const FAULT_STATUS_CODES = [400, 401, 402, 403, 404, 408, 413, 429, 500, 502, 503, 524, 529] as const;
export type FaultStatusCode = (typeof FAULT_STATUS_CODES)[number];

/** Faults answered with an HTTP error status and a JSON body instead of a reply. */
export type ErrorFault =
  | { kind: 'status'; status: FaultStatusCode }
  | { kind: 'context-length' }
  /** `availability` (the docs' example form) or `availability-<code>` (errors.ts AVAILABILITY_FAULT_CODES). */
  | { kind: 'availability'; code?: AvailabilityFaultCode }
  | { kind: 'echo-key' }
  /** `real-<fixture>`: a real OpenRouter error body, served byte for byte (real-errors.ts). */
  | { kind: 'real'; name: RealErrorName };

export type ConnectionFault = 'reset-before' | 'reset-after' | 'stall-before' | 'stall-after';

/** How the mid-stream error chunk spells `error.code`: the docs show both. */
export type MidStreamErrorCode = 'number' | 'string';

export const MAX_REPLY_TOKENS = 100_000;
export const FAULT_HEADER = 'x-emulator-fault';
export const FAULT_MODEL_PREFIX = 'emulator/';

export interface FaultPlan {
  /** The exact fault string; `once` / `times-<n>` count per distinct value. */
  key: string;
  modes: string[];
  error: ErrorFault | null;
  connection: ConnectionFault | null;
  midStreamError: MidStreamErrorCode | null;
  /** Only the first n matching requests get the failure modes (error, connection, midStreamError). */
  failTimes: number | null;
  retryAfterSeconds: number | null;
  keepalive: boolean;
  crlf: boolean;
  utf8Split: boolean;
  hugeLine: boolean;
  usageInChoices: boolean;
  reasoning: boolean;
  noDone: boolean;
  /** The stream ends without a usage chunk (a cut or cancelled reply); the figures are on /generation. */
  noUsage: boolean;
  /** Answer as if web search was asked for (`url_citation` annotations), for clients that cannot ask. */
  webSearch: boolean;
  /** Answer with an image as if `modalities:["image","text"]` was asked for. */
  imageOutput: boolean;
  /** Ends with finish_reason "length" and usage, then an error chunk (API reference, "Responses and errors"). */
  lengthThenError: boolean;
  dripTokensPerSecond: number | null;
  tokens: number | null;
  slowFirstByteMs: number | null;
  /** `replay-<fixture>`: answer with a reply recorded against the live API, as recorded (replay-streams.ts). */
  replay: ReplayName | null;
}

export type FaultParseResult = { ok: true; plan: FaultPlan } | { ok: false; message: string };

export const NO_FAULTS: Readonly<FaultPlan> = Object.freeze({
  key: '',
  modes: [],
  error: null,
  connection: null,
  midStreamError: null,
  failTimes: null,
  retryAfterSeconds: null,
  keepalive: false,
  crlf: false,
  utf8Split: false,
  hugeLine: false,
  usageInChoices: false,
  reasoning: false,
  noDone: false,
  noUsage: false,
  webSearch: false,
  imageOutput: false,
  lengthThenError: false,
  dripTokensPerSecond: null,
  tokens: null,
  slowFirstByteMs: null,
  replay: null,
});

const FLAG_MODES = {
  keepalive: 'keepalive',
  crlf: 'crlf',
  'utf8-split': 'utf8Split',
  'huge-line': 'hugeLine',
  'usage-in-choices': 'usageInChoices',
  reasoning: 'reasoning',
  'no-done': 'noDone',
  'no-usage': 'noUsage',
  'web-search': 'webSearch',
  'image-output': 'imageOutput',
  'length-then-error': 'lengthThenError',
} as const satisfies Record<string, keyof FaultPlan>;

const CONNECTION_MODES: readonly ConnectionFault[] = [
  'reset-before',
  'reset-after',
  'stall-before',
  'stall-after',
];

/** Example of each mode, for the model catalogue and error messages. */
export const FAULT_MODE_EXAMPLES: readonly string[] = [
  ...FAULT_STATUS_CODES.map((code) => `status-${code}`),
  'context-length',
  'availability',
  'availability-free_variant_ended',
  'availability-capacity_exhausted',
  'availability-model_deprecated',
  'echo-key',
  ...CONNECTION_MODES,
  'error-mid',
  'error-mid-string-code',
  ...Object.keys(FLAG_MODES),
  'drip-20',
  // Slow replies of a known length: stop, crash and streaming tests pick these from the model picker.
  'drip-20+tokens-60',
  'drip-20+tokens-400',
  'tokens-2000',
  'slow-first-byte-3000',
  'status-500+once',
  'status-429+times-2',
  'status-503+retry-after-5',
];

/** Splits the header (comma list) and the model id (`emulator/a+b`) into mode names. */
export function faultModesFrom(header: string | undefined, model: unknown): string[] {
  const fromHeader = (header ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const fromModel =
    typeof model === 'string' && model.startsWith(FAULT_MODEL_PREFIX)
      ? model
          .slice(FAULT_MODEL_PREFIX.length)
          .split('+')
          .map((m) => m.trim())
      : [];
  return [...fromHeader, ...fromModel];
}

export function parseFaults(header: string | undefined, model?: unknown): FaultParseResult {
  const modes = faultModesFrom(header, model);
  const plan: FaultPlan = { ...NO_FAULTS, key: modes.join(','), modes };
  for (const mode of modes) {
    const problem = applyMode(plan, mode);
    if (problem !== null) return { ok: false, message: problem };
  }
  if (plan.failTimes !== null && !hasFailure(plan)) {
    return {
      ok: false,
      message:
        'Emulator fault "once"/"times-<n>" needs a failing mode (status-…, reset-…, stall-…, error-mid…)',
    };
  }
  return { ok: true, plan };
}

/** The plan a request gets once its `once`/`times-<n>` budget is spent: everything except the failures. */
export function withoutFailures(plan: FaultPlan): FaultPlan {
  return { ...plan, error: null, connection: null, midStreamError: null };
}

export function hasFailure(plan: FaultPlan): boolean {
  return plan.error !== null || plan.connection !== null || plan.midStreamError !== null;
}

/** Applies one mode to the plan; returns an error message, or null when the mode is valid. */
function applyMode(plan: FaultPlan, mode: string): string | null {
  if (mode === '') return 'Empty emulator fault mode';
  // hasOwn, not `in`: `in` would also accept inherited names such as `toString`.
  if (Object.hasOwn(FLAG_MODES, mode)) {
    plan[FLAG_MODES[mode as keyof typeof FLAG_MODES]] = true;
    return null;
  }
  if ((CONNECTION_MODES as readonly string[]).includes(mode)) {
    return setOnce(plan, 'connection', mode as ConnectionFault, mode);
  }
  if (mode === 'error-mid') return setOnce(plan, 'midStreamError', 'number', mode);
  if (mode === 'error-mid-string-code') return setOnce(plan, 'midStreamError', 'string', mode);
  if (mode === 'context-length') return setError(plan, { kind: 'context-length' }, mode);
  if (mode === 'availability') return setError(plan, { kind: 'availability' }, mode);
  if (mode.startsWith('availability-')) {
    const code = mode.slice('availability-'.length);
    if (!isAvailabilityFaultCode(code)) return `Unknown availability code in emulator fault mode "${mode}"`;
    return setError(plan, { kind: 'availability', code }, mode);
  }
  if (mode === 'echo-key') return setError(plan, { kind: 'echo-key' }, mode);
  if (mode === 'once') return setOnce(plan, 'failTimes', 1, mode);
  if (mode.startsWith('replay-')) {
    const name = mode.slice('replay-'.length);
    if (!isReplayName(name)) return `Unknown recorded reply in emulator fault mode "${mode}"`;
    return setOnce(plan, 'replay', name, mode);
  }
  if (mode.startsWith('real-')) {
    const name = mode.slice('real-'.length);
    if (!isRealErrorName(name)) return `Unknown real error fixture in emulator fault mode "${mode}"`;
    return setError(plan, { kind: 'real', name }, mode);
  }

  const status = numericSuffix(mode, 'status-');
  if (status !== null) {
    if (!(FAULT_STATUS_CODES as readonly number[]).includes(status)) {
      return `Unsupported emulator fault status "${mode}"; use one of ${FAULT_STATUS_CODES.join(', ')}`;
    }
    return setError(plan, { kind: 'status', status: status as FaultStatusCode }, mode);
  }
  const times = numericSuffix(mode, 'times-');
  if (times !== null) return times >= 1 ? setOnce(plan, 'failTimes', times, mode) : invalid(mode);
  const retryAfter = numericSuffix(mode, 'retry-after-');
  if (retryAfter !== null) return setOnce(plan, 'retryAfterSeconds', retryAfter, mode);
  const drip = numericSuffix(mode, 'drip-');
  if (drip !== null) return drip >= 1 ? setOnce(plan, 'dripTokensPerSecond', drip, mode) : invalid(mode);
  const tokens = numericSuffix(mode, 'tokens-');
  if (tokens !== null) {
    return tokens >= 1 && tokens <= MAX_REPLY_TOKENS ? setOnce(plan, 'tokens', tokens, mode) : invalid(mode);
  }
  const slow = numericSuffix(mode, 'slow-first-byte-');
  if (slow !== null) return setOnce(plan, 'slowFirstByteMs', slow, mode);

  return `Unknown emulator fault mode "${mode}"`;
}

function invalid(mode: string): string {
  return `Invalid value in emulator fault mode "${mode}"`;
}

/** Two modes that set the same thing (e.g. two statuses) contradict each other; refuse rather than guess. */
function setOnce<K extends keyof FaultPlan>(plan: FaultPlan, field: K, value: FaultPlan[K], mode: string) {
  const current = plan[field];
  if (current !== null && current !== value)
    return `Emulator fault mode "${mode}" conflicts with another mode`;
  plan[field] = value;
  return null;
}

function setError(plan: FaultPlan, error: ErrorFault, mode: string): string | null {
  if (plan.error !== null && JSON.stringify(plan.error) !== JSON.stringify(error)) {
    return `Emulator fault mode "${mode}" conflicts with another mode`;
  }
  plan.error = error;
  return null;
}

/** `status-429` → 429 for prefix `status-`; null when the prefix differs or the rest is not a plain integer. */
function numericSuffix(mode: string, prefix: string): number | null {
  if (!mode.startsWith(prefix)) return null;
  const rest = mode.slice(prefix.length);
  return /^\d{1,9}$/.test(rest) ? Number(rest) : null;
}
