/**
 * Errors leaving main pass here: every `AppError` (thrown by a handler, returned inside a result such
 * as the key window's `{ ok: false, error }`, carried by an event or stored on a failed reply) gets
 * its message, reasons, provider name and values redacted with the key shapes and the known secrets;
 * so does every settings problem (`OptionProblem`: message and values).
 *
 * Services already redact what they build from upstream text (`scrub`, the vault's `sanitised`), but
 * only by shape and the one key a request used. This is the last pass, applied at the boundary so
 * that no path — present or future — can carry a candidate key, or the current key in another case
 * or encoding, to a renderer.
 */
import { type AppError, ERROR_CODES } from '../../../common/errors';
import type { OptionProblem } from '../../../common/option-problems';
import { redactSecrets } from './known-secrets';

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** Contract values are shallow; the bound only stops a pathological value from costing much. */
const MAX_DEPTH = 12;

type Clean = (text: string) => string;

function isAppErrorShaped(value: Record<string, unknown>): boolean {
  return typeof value.code === 'string' && CODES.has(value.code) && typeof value.message === 'string';
}

/** The same error with its human-readable text redacted (the same object when nothing changed). */
export function sanitiseAppError<E extends AppError>(error: E, clean: Clean = redactSecrets): E {
  const message = clean(error.message);
  const reasons = error.reasons?.map(clean);
  const reasonsChanged = reasons?.some((r, i) => r !== error.reasons?.[i]) === true;
  // The provider's name comes from upstream text too (error.metadata.provider_name).
  const provider = error.provider === undefined ? undefined : clean(error.provider);
  // The message's placeholder values are shown in the window's language: the same text, so the same pass.
  const values = error.values === undefined ? undefined : cleanValues(error.values, clean);
  if (
    message === error.message &&
    !reasonsChanged &&
    provider === error.provider &&
    values === error.values
  ) {
    return error;
  }
  return {
    ...error,
    message,
    ...(reasons !== undefined ? { reasons } : {}),
    ...(provider !== undefined ? { provider } : {}),
    ...(values !== undefined ? { values } : {}),
  };
}

/**
 * A settings problem (common/option-problems.ts) names the stored value it is about — a slug, a model,
 * whatever the person typed, perhaps a pasted key — in its message and values: the same pass.
 */
function isOptionProblemShaped(value: Record<string, unknown>): boolean {
  return typeof value.field === 'string' && typeof value.message === 'string' && value.code === undefined;
}

function sanitiseOptionProblem(problem: OptionProblem, clean: Clean): OptionProblem {
  const message = clean(problem.message);
  const values = problem.values === undefined ? undefined : cleanValues(problem.values, clean);
  if (message === problem.message && values === problem.values) return problem;
  return { ...problem, message, ...(values !== undefined ? { values } : {}) };
}

type Values = NonNullable<AppError['values']>;
type PlainValues = Record<string, string | number>;

/**
 * String values redacted — a nested catalog message's values too, exactly like plain ones (the
 * routing refusal's settings problem names the stored slug the person typed); the same object when
 * nothing changed. Nesting is one level deep (common/errors.ts), so one level is all there is.
 */
function cleanValues<V extends Values | PlainValues>(values: V, clean: Clean): V {
  let copy: Values | null = null;
  for (const [name, value] of Object.entries(values)) {
    const cleaned =
      typeof value === 'string'
        ? clean(value)
        : typeof value === 'object'
          ? cleanNested(value, clean)
          : value;
    if (cleaned !== value) {
      copy ??= { ...values };
      copy[name] = cleaned;
    }
  }
  return (copy ?? values) as V;
}

function cleanNested<N extends { values?: PlainValues }>(nested: N, clean: Clean): N {
  const values = nested.values === undefined ? undefined : cleanValues(nested.values, clean);
  return values === nested.values ? nested : { ...nested, values };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, clean: Clean, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i], clean, depth + 1);
      if (next !== value[i]) {
        copy ??= [...value];
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | null = null;
  if (isAppErrorShaped(value)) {
    const cleaned = sanitiseAppError(value as unknown as AppError, clean);
    if (cleaned !== (value as unknown)) copy = { ...(cleaned as unknown as Record<string, unknown>) };
  } else if (isOptionProblemShaped(value)) {
    const cleaned = sanitiseOptionProblem(value as unknown as OptionProblem, clean);
    if (cleaned !== (value as unknown)) copy = { ...(cleaned as unknown as Record<string, unknown>) };
  }
  for (const [key, field] of Object.entries(copy ?? value)) {
    const next = walk(field, clean, depth + 1);
    if (next !== field) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/**
 * `value` with every AppError-shaped object inside it sanitised; unchanged parts keep their identity
 * (nothing is copied when there is nothing to redact, the common case).
 */
export function sanitiseErrorsIn<T>(value: T, clean: Clean = redactSecrets): T {
  return walk(value, clean, 0) as T;
}
