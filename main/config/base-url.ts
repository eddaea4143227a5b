/**
 * The one rule for where OpenRouter is: the launch config reads it from the command line or the
 * environment, the OpenRouter client and the sign-in use it. The key travels only to this URL, so plain
 * http is accepted on loopback alone (the emulator, a local proxy): anywhere else it would put the key
 * on the network unencrypted. Pure (no Electron), so services may import it.
 */

/** Hosts where plain http never leaves this machine, as `URL.hostname` spells them. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Which rule a refused base URL breaks, so each caller can say it in its own words. */
export type BaseUrlProblem = 'not_a_url' | 'not_https' | 'has_extras';

export class BaseUrlError extends Error {
  override name = 'BaseUrlError';
  constructor(
    readonly problem: BaseUrlProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validates a base URL and normalises its path (no trailing slash), so that joining a path never
 * depends on one. Throws a `BaseUrlError`; its message never echoes the URL.
 */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BaseUrlError('not_a_url', 'OpenRouter base URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new BaseUrlError(
      'not_https',
      'OpenRouter base URL must use https (plain http is allowed only on loopback)',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BaseUrlError(
      'has_extras',
      'OpenRouter base URL must not carry credentials, a query or a fragment',
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
