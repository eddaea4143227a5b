import type { z } from 'zod';
import { type AppError, AppErrorSchema, AppFailure, errorWithText } from '../../common/errors';
import type {
  Contract,
  EventKeys,
  EventPayload,
  EventSpec,
  InvokeKeys,
  InvokeSpec,
  Result,
} from '../../common/ipc/define';
import { describeError } from '../../common/redact';
import type { Logger } from '../services/log/logger';
import { checkSender, type SenderInfo, type SenderPolicy } from './sender-policy';
import { createWriteBudget, DEFAULT_WRITE_LIMITS, throttledError, type WriteLimits } from './write-budget';

/** What a handler knows about its caller, and how it pushes events back to that caller only. */
export interface CallContext<C extends Contract> {
  readonly windowId: number;
  emit<K extends EventKeys<C>>(event: K, payload: EventPayload<C, K>): void;
}

export type RequestOf<S> = S extends InvokeSpec<infer Req, infer _Res> ? z.output<Req> : never;
type ResponseOf<S> = S extends InvokeSpec<infer _Req, infer Res> ? z.input<Res> : never;

/** The services' side of a contract: one async function per invoke channel, with validated input. */
export type Handlers<C extends Contract> = {
  [K in InvokeKeys<C>]: (request: RequestOf<C[K]>, ctx: CallContext<C>) => Promise<ResponseOf<C[K]>>;
};

/**
 * For every invoke channel, whether a call counts against the window's write budget (it writes to
 * disk, starts work in main or outside the window), or a function of the validated request deciding
 * that. A `Record` over every channel, so a new channel cannot be added without deciding.
 */
export type WritingCalls<C extends Contract> = {
  [K in InvokeKeys<C>]: boolean | ((request: RequestOf<C[K]>) => boolean);
};

/** Sends an event to one window; provided by the transport binding. */
export type EventSender = (windowId: number, channel: string, payload: unknown) => void;

/**
 * A transport-independent table: channel name -> function(sender, payload) -> Result.
 * Bound to `ipcMain` in the app and to a WebSocket in the browser harness, unchanged.
 */
export interface HandlerTable<C extends Contract = Contract> {
  readonly channels: readonly string[];
  /**
   * Checks the sender synchronously, then validates, charges the window's write budget and runs the
   * handler. Never rejects: every failure, including a bug in a handler, becomes a typed error result
   * in the error contract's shape. Answers and errors pass the secret redaction (`sanitiseErrors`).
   */
  dispatch(channel: string, sender: SenderInfo, payload: unknown): Promise<Result<unknown>>;
  /**
   * The one way main pushes an event to a window: the payload is parsed with the event's schema
   * (unknown fields stripped) and not sent at all when it does not parse; the errors it carries pass
   * the secret redaction (`sanitiseErrors`). True when it was sent.
   */
  emit<K extends EventKeys<C>>(windowId: number, event: K, payload: EventPayload<C, K>): boolean;
}

/**
 * Redacts secrets from every error inside a value about to cross to a window (an `AppError` answered,
 * returned inside a result, or carried by an event), returning the same shape. The composition root
 * passes the known-secret redaction (main/services/log/sanitise-errors.ts): this layer knows no
 * secrets, so it takes the function instead of importing the service. Required, so that a table
 * built later cannot forget it.
 */
export type ErrorSanitiser = <T>(value: T) => T;

export interface HandlerTableOptions<C extends Contract> {
  contract: C;
  handlers: Handlers<C>;
  policy: SenderPolicy;
  sendEvent: EventSender;
  log: Logger;
  /** Applied on the table's one exit path, after each value has parsed: answers, errors and events. */
  sanitiseErrors: ErrorSanitiser;
  /** The per-window write budget: which calls count, the limits (default DEFAULT_WRITE_LIMITS), a clock. */
  writeLimits: { writingCalls: WritingCalls<C>; limits?: WriteLimits; now?: () => number };
}

const INTERNAL: AppError = errorWithText('internal', { id: 'errors.app.internal' });

/** Size of a validated request as history would store it (JSON, UTF-8). */
function requestBytes(request: unknown): number {
  const text = JSON.stringify(request);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

export function createHandlerTable<C extends Contract>(options: HandlerTableOptions<C>): HandlerTable<C> {
  const { contract, handlers, policy, sendEvent, log, sanitiseErrors } = options;
  const byChannel = new Map<string, { name: string; spec: InvokeSpec }>();
  const events = new Map<string, EventSpec>();
  const channels = new Set<string>();
  for (const [name, spec] of Object.entries(contract)) {
    if (channels.has(spec.channel)) throw new Error(`duplicate channel ${spec.channel}`);
    channels.add(spec.channel);
    if (spec.kind === 'invoke') byChannel.set(spec.channel, { name, spec });
    else events.set(name, spec);
  }
  const handlerMap = handlers as unknown as Record<
    string,
    (request: unknown, ctx: CallContext<C>) => Promise<unknown>
  >;
  for (const { name } of byChannel.values()) {
    if (typeof handlerMap[name] !== 'function') throw new Error(`no handler for ${name}`);
  }
  const writing = options.writeLimits.writingCalls as unknown as Record<
    string,
    boolean | ((request: unknown) => boolean)
  >;
  for (const { name } of byChannel.values()) {
    const rule = writing[name];
    if (typeof rule !== 'boolean' && typeof rule !== 'function') {
      throw new Error(`no write-budget rule for ${name}`);
    }
  }
  const limits = options.writeLimits.limits ?? DEFAULT_WRITE_LIMITS;
  const budget = createWriteBudget(limits, options.writeLimits.now ?? Date.now);

  /**
   * The redaction, run on what has already parsed (so it sees only contract fields). If it throws,
   * nothing of the value crosses: `null`, and the caller answers `internal` or drops the event.
   */
  const redacted = <T>(value: T, channel: string): { value: T } | null => {
    try {
      return { value: sanitiseErrors(value) };
    } catch (error) {
      log.error('could not redact a value for a window; not sent', {
        channel: channel.slice(0, 100),
        error: describeError(error),
      });
      return null;
    }
  };

  /**
   * Every error crosses in the error contract's shape: unknown fields (a `cause`, a `stack`, anything
   * a service attached) are stripped, an error that does not parse at all becomes `internal`, and its
   * text passes the secret redaction.
   */
  const failure = (error: unknown, channel: string): Result<never> => {
    let parsed: ReturnType<typeof AppErrorSchema.safeParse> | null = null;
    try {
      parsed = AppErrorSchema.safeParse(error);
    } catch {
      // A getter that throws: not an error we can describe.
    }
    if (parsed?.success) return { ok: false, error: redacted(parsed.data, channel)?.value ?? INTERNAL };
    log.error('an error outside its contract was replaced', {
      channel: channel.slice(0, 100),
      issues: parsed?.error.issues.length ?? 0,
    });
    return { ok: false, error: INTERNAL };
  };

  const emit = (windowId: number, event: string, payload: unknown): boolean => {
    const spec = events.get(event);
    if (!spec) {
      log.error('no such event in the contract; not sent', { event: String(event).slice(0, 100) });
      return false;
    }
    let parsed: ReturnType<typeof spec.payload.safeParse> | null = null;
    try {
      parsed = spec.payload.safeParse(payload);
    } catch {
      // Fall through: not sent.
    }
    if (!parsed?.success) {
      // The payload itself is never logged: it is main's data, possibly a user's text.
      log.error('event payload outside its contract; not sent', {
        channel: spec.channel,
        paths: (parsed?.error.issues ?? [])
          .slice(0, 5)
          .map((issue) => issue.path.join('.'))
          .join(' '),
      });
      return false;
    }
    const clean = redacted(parsed.data, spec.channel);
    if (clean === null) return false;
    try {
      sendEvent(windowId, spec.channel, clean.value);
      return true;
    } catch (error) {
      log.warn('could not send an event', { channel: spec.channel, error: describeError(error) });
      return false;
    }
  };

  const run = async (
    name: string,
    spec: InvokeSpec,
    windowId: number,
    payload: unknown,
  ): Promise<Result<unknown>> => {
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      log.warn('rejected malformed payload', { channel: spec.channel, issues: parsed.error.issues.length });
      return failure(
        errorWithText('validation', { id: 'errors.app.invalidRequest', values: { channel: spec.channel } }),
        spec.channel,
      );
    }
    const rule = writing[name];
    if (rule === true || (typeof rule === 'function' && rule(parsed.data))) {
      const verdict = budget.charge(windowId, requestBytes(parsed.data));
      if (!verdict.allowed) {
        log.warn('refused a writing call over the window budget', {
          channel: spec.channel,
          windowId,
          exceeded: verdict.exceeded,
        });
        return failure(throttledError(verdict, limits), spec.channel);
      }
    }
    const ctx: CallContext<C> = {
      windowId,
      emit: (event, eventPayload) => {
        emit(windowId, event as string, eventPayload);
      },
    };
    try {
      const value = await handlerMap[name]?.(parsed.data, ctx);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        // A handler produced something outside its contract: a bug, never shown as data.
        log.error('handler returned a value outside its contract', { channel: spec.channel });
        return failure(INTERNAL, spec.channel);
      }
      // A result can carry an error too (the key window's `{ ok: false, error }`).
      const clean = redacted(checked.data, spec.channel);
      return clean === null ? failure(INTERNAL, spec.channel) : { ok: true, value: clean.value };
    } catch (error) {
      if (error instanceof AppFailure) return failure(error.error, spec.channel);
      log.error('handler failed', { channel: spec.channel, error: describeError(error) });
      return failure(INTERNAL, spec.channel);
    }
  };

  return {
    channels: [...byChannel.keys()],
    dispatch(channel, sender, payload) {
      // Synchronous checks first: nothing below may run for a caller we do not trust.
      const verdict = checkSender(sender, policy);
      if (!verdict.allowed) {
        log.warn('refused IPC call', { channel: String(channel).slice(0, 100), reason: verdict.reason });
        return Promise.resolve(
          failure(errorWithText('forbidden_sender', { id: 'errors.app.forbiddenSender' }), ''),
        );
      }
      const entry = typeof channel === 'string' ? byChannel.get(channel) : undefined;
      if (!entry || sender.windowId === null) {
        return Promise.resolve(failure(errorWithText('validation', { id: 'errors.app.unknownRequest' }), ''));
      }
      return run(entry.name, entry.spec, sender.windowId, payload);
    },
    emit: (windowId, event, payload) => emit(windowId, event as string, payload),
  };
}
