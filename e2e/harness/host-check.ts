import type { IncomingMessage } from 'node:http';

/**
 * DNS-rebinding defence for the harness's loopback servers. A page on `attacker.example` whose name
 * is made to resolve to 127.0.0.1 reaches these servers as its own origin, so the Origin check alone
 * would let it read the pages and files; but its requests name `attacker.example` in the Host header.
 * Each server answers only requests naming it exactly as the harness does: `127.0.0.1:<its port>`
 * (pages the harness hands out are only ever on that address, and each page's CSP and its socket's
 * Origin check name it too, so `localhost` is not needed).
 */
export function isOwnHost(req: IncomingMessage, ownHost: string): boolean {
  return req.headers.host === ownHost;
}

/** The body of the refusal: says what is wrong, serves nothing of the site. */
export const FOREIGN_HOST_REFUSAL = 'Forbidden: this harness answers only at its own 127.0.0.1 address.';
