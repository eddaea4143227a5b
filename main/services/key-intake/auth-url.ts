/**
 * Where the browser is sent to sign in. OpenRouter's consent page lives at the site root (`/auth`),
 * not under the API path, so it is derived from the configured API base URL's origin; a test or
 * proxy that moves the API moves the sign-in page with it.
 */
import { parseBaseUrl } from '../../config/base-url';
import type { PkcePair } from './pkce';

/** https://openrouter.ai/api/v1 -> https://openrouter.ai/auth */
export function authUrlFor(baseUrl: string): string {
  return `${parseBaseUrl(baseUrl).origin}/auth`;
}

export interface AuthorizeRequest {
  authUrl: string;
  callbackUrl: string;
  pkce: PkcePair;
  state: string;
}

/** `<authUrl>?callback_url=…&code_challenge=…&code_challenge_method=S256&state=…` (docs §7 step 2). */
export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  // Same rule as the API base: https, or plain http on loopback only (the emulator).
  const url = new URL(parseBaseUrl(request.authUrl).href);
  url.searchParams.set('callback_url', request.callbackUrl);
  url.searchParams.set('code_challenge', request.pkce.challenge);
  url.searchParams.set('code_challenge_method', request.pkce.method);
  url.searchParams.set('state', request.state);
  return url.href;
}
