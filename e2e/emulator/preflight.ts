import type { OutgoingHttpHeaders } from 'node:http';
import { faultErrorResponse } from './errors';
import type { Exchange } from './exchange';
import type { FaultPlan } from './faults';
import { sleep, untilAborted } from './timing';

/**
 * Faults that act before any reply exists: a slow start, a reset or stall before the first byte, or an
 * HTTP error. Returns true when the request has been dealt with and the route must not answer.
 */
export async function applyPreResponseFaults(
  ex: Exchange,
  plan: FaultPlan,
  model: string,
  headers: OutgoingHttpHeaders = {},
): Promise<boolean> {
  if (plan.slowFirstByteMs !== null) {
    await sleep(plan.slowFirstByteMs, ex.signal);
    if (ex.closed) return true;
  }
  if (plan.connection === 'reset-before') {
    ex.destroy();
    return true;
  }
  if (plan.connection === 'stall-before') {
    await untilAborted(ex.signal);
    return true;
  }
  if (plan.error !== null) {
    const response = faultErrorResponse({
      fault: plan.error,
      model,
      retryAfterSeconds: plan.retryAfterSeconds,
      authorization: ex.record.headers.authorization,
    });
    const responseHeaders = { ...headers, ...response.headers };
    await (response.rawBody !== undefined
      ? ex.sendJsonText(response.status, response.rawBody, responseHeaders)
      : ex.sendJson(response.status, response.body, responseHeaders));
    return true;
  }
  return false;
}
