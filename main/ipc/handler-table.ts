import type { z } from 'zod';
import { type AppError, AppFailure } from '../../common/errors';
import type {
  Contract,
  EventKeys,
  EventPayload,
  InvokeKeys,
  InvokeSpec,
  Result,
} from '../../common/ipc/define';
import { describeError } from '../../common/redact';
import type { Logger } from '../services/log/logger';
import { checkSender, type SenderInfo, type SenderPolicy } from './sender-policy';

/** What a handler knows about its caller, and how it pushes events back to that caller only. */
export interface CallContext<C extends Contract> {
  readonly windowId: number;
  emit<K extends EventKeys<C>>(event: K, payload: EventPayload<C, K>): void;
}

type RequestOf<S> = S extends InvokeSpec<infer Req, infer _Res> ? z.output<Req> : never;
type ResponseOf<S> = S extends InvokeSpec<infer _Req, infer Res> ? z.input<Res> : never;

/** The services' side of a contract: one async function per invoke channel, with validated input. */
export type Handlers<C extends Contract> = {
  [K in InvokeKeys<C>]: (request: RequestOf<C[K]>, ctx: CallContext<C>) => Promise<ResponseOf<C[K]>>;
};

/** Sends an event to one window; provided by the transport binding. */
export type EventSender = (windowId: number, channel: string, payload: unknown) => void;

/**
 * A transport-independent table: channel name -> function(sender, payload) -> Result.
 * Bound to `ipcMain` in the app and to a WebSocket in the browser harness, unchanged.
 */
export interface HandlerTable {
  readonly channels: readonly string[];
  /**
   * Checks the sender synchronously, then validates and runs the handler. Never rejects: every
   * failure, including a bug in a handler, becomes a typed error result.
   */
  dispatch(channel: string, sender: SenderInfo, payload: unknown): Promise<Result<unknown>>;
}

export interface HandlerTableOptions<C extends Contract> {
  contract: C;
  handlers: Handlers<C>;
  policy: SenderPolicy;
  sendEvent: EventSender;
  log: Logger;
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

export function createHandlerTable<C extends Contract>(options: HandlerTableOptions<C>): HandlerTable {
  const { contract, handlers, policy, sendEvent, log } = options;
  const byChannel = new Map<string, { name: string; spec: InvokeSpec }>();
  const eventChannels = new Map<string, string>();
  for (const [name, spec] of Object.entries(contract)) {
    if (byChannel.has(spec.channel) || eventChannels.has(spec.channel)) {
      throw new Error(`duplicate channel ${spec.channel}`);
    }
    if (spec.kind === 'invoke') byChannel.set(spec.channel, { name, spec });
    else eventChannels.set(name, spec.channel);
  }
  const handlerMap = handlers as unknown as Record<
    string,
    (request: unknown, ctx: CallContext<C>) => Promise<unknown>
  >;
  for (const { name } of byChannel.values()) {
    if (typeof handlerMap[name] !== 'function') throw new Error(`no handler for ${name}`);
  }

  const run = async (
    name: string,
    spec: InvokeSpec,
    windowId: number,
    payload: unknown,
  ): Promise<Result<unknown>> => {
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      log.warn('rejected malformed payload', { channel: spec.channel, issues: parsed.error.issues.length });
      return failure({ code: 'validation', message: `Invalid request for ${spec.channel}.` });
    }
    const ctx: CallContext<C> = {
      windowId,
      emit: (event, eventPayload) => {
        const channel = eventChannels.get(event as string);
        if (channel) sendEvent(windowId, channel, eventPayload);
      },
    };
    try {
      const value = await handlerMap[name]?.(parsed.data, ctx);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        // A handler produced something outside its contract: a bug, never shown as data.
        log.error('handler returned a value outside its contract', { channel: spec.channel });
        return failure({
          code: 'internal',
          message: 'Something went wrong inside Switchboard. Please retry.',
        });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppFailure) return failure(error.error);
      log.error('handler failed', { channel: spec.channel, error: describeError(error) });
      return failure({ code: 'internal', message: 'Something went wrong inside Switchboard. Please retry.' });
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
          failure({ code: 'forbidden_sender', message: 'This call is not allowed from here.' }),
        );
      }
      const entry = typeof channel === 'string' ? byChannel.get(channel) : undefined;
      if (!entry || sender.windowId === null) {
        return Promise.resolve(failure({ code: 'validation', message: 'Unknown request.' }));
      }
      return run(entry.name, entry.spec, sender.windowId, payload);
    },
  };
}
