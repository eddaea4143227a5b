/**
 * The chat window's Content-Security-Policy, sent as a response header by the `app://` protocol
 * handler (and by the browser harness's static server, with its one loopback socket added).
 * Scripts only from our own bundle, no eval, no inline script, no remote anything: model output that
 * slipped past the Markdown renderer still could not run or phone home.
 */
export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  const connect = ["'self'", ...extraConnectSrc].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
