import { AppFailure } from '../../common/errors';
import type { Contract } from '../../common/ipc/define';
import type { CallContext, Handlers } from '../ipc/handler-table';
import { sanitiseAppError, sanitiseErrorsIn } from '../services/log/sanitise-errors';

/**
 * Wraps a handler table's functions so that every error a window can receive from them — thrown
 * (`AppFailure`), inside a result, or inside an event the handler emits — has passed the known-secret
 * redaction (main/services/log/sanitise-errors.ts). One wrapper at the composition root, shared by the
 * app and the harness, instead of a call in every service: a path added later is covered too.
 *
 * Anything thrown that is not an `AppFailure` is left to the handler table, which logs it (through the
 * redacting logger) and answers with a generic `internal` error that carries no text from it.
 */
export function withSanitisedErrors<C extends Contract>(handlers: Handlers<C>): Handlers<C> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<
    [string, (request: unknown, ctx: CallContext<C>) => Promise<unknown>]
  >) {
    wrapped[name] = async (request: unknown, ctx: CallContext<C>) => {
      // Spread, so whatever else the table tells handlers about the call reaches them unchanged.
      const safeCtx: CallContext<C> = {
        ...ctx,
        emit: (event, payload) => ctx.emit(event, sanitiseErrorsIn(payload)),
      };
      try {
        return sanitiseErrorsIn(await handler(request, safeCtx));
      } catch (error) {
        if (error instanceof AppFailure) {
          const clean = sanitiseAppError(error.error);
          throw clean === error.error ? error : new AppFailure(clean);
        }
        throw error;
      }
    };
  }
  return wrapped as Handlers<C>;
}
