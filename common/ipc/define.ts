import type { z } from 'zod';
import type { AppError } from '../errors';

/**
 * Building blocks of the IPC contract. A contract is a plain object of channel specs; everything else
 * (the bridge's TypeScript type, the preload's functions, main's handler table) is derived from it, so a
 * channel cannot exist on one side only.
 */

/** A request/response call. `request` is validated in main before the handler runs. */
export interface InvokeSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  /** The wire name: `<contract prefix>:<key>`, stamped by `defineContract`, never written by hand. */
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}

/** A stream of events pushed from main to the window. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  /** The wire name: `<contract prefix>:<key>`, stamped by `defineContract`, never written by hand. */
  readonly channel: string;
  readonly payload: P;
}

export type ChannelSpec = InvokeSpec | EventSpec;
export type Contract = Readonly<Record<string, ChannelSpec>>;

/** A channel as written in a contract definition: everything but its wire name. */
export type ChannelDraft = Omit<InvokeSpec, 'channel'> | Omit<EventSpec, 'channel'>;

export function invoke<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): Omit<InvokeSpec<Req, Res>, 'channel'> {
  return { kind: 'invoke', request, response };
}

export function event<P extends z.ZodType>(payload: P): Omit<EventSpec<P>, 'channel'> {
  return { kind: 'event', payload };
}

/** A contract whose every channel carries its wire name, `<prefix>:<key>`, in its type too. */
export type DefinedContract<P extends string, D extends Readonly<Record<string, ChannelDraft>>> = {
  readonly [K in keyof D & string]: D[K] & { readonly channel: `${P}:${K}` };
};

/**
 * Stamps each channel's wire name from its key, so a channel has one name: the one code calls it by
 * (`loadMessages`) is the one logs, fuzz output and the transport see (`chat:loadMessages`). The prefix
 * keeps two contracts' channels apart (each window binds only its own). Frozen, like the bridge.
 */
export function defineContract<
  const P extends string,
  const D extends Readonly<Record<string, ChannelDraft>>,
>(prefix: P, drafts: D): DefinedContract<P, D> {
  const contract: Record<string, ChannelSpec> = {};
  for (const [key, draft] of Object.entries(drafts)) {
    contract[key] = Object.freeze({ ...draft, channel: `${prefix}:${key}` }) as ChannelSpec;
  }
  return Object.freeze(contract) as unknown as DefinedContract<P, D>;
}

/** Every call resolves to a result; errors are values, so the renderer gets `code` intact. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export type InvokeKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends InvokeSpec ? K : never;
}[keyof C];
export type EventKeys<C extends Contract> = {
  [K in keyof C]: C[K] extends EventSpec ? K : never;
}[keyof C];

type BridgeFunction<S> =
  S extends InvokeSpec<infer Req, infer Res>
    ? z.input<Req> extends undefined
      ? () => Promise<Result<z.output<Res>>>
      : (request: z.input<Req>) => Promise<Result<z.output<Res>>>
    : S extends EventSpec<infer P>
      ? (listener: (payload: z.output<P>) => void) => () => void
      : never;

/** The object a preload exposes to the page: one named function per channel, nothing else. */
export type Bridge<C extends Contract> = { readonly [K in keyof C]: BridgeFunction<C[K]> };

/** Payload type main must emit on an event channel. */
export type EventPayload<C extends Contract, K extends EventKeys<C>> =
  C[K] extends EventSpec<infer P> ? z.input<P> : never;
