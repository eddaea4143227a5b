/**
 * The pages the loopback server shows in the person's browser. They are plain and self-contained: no
 * script, no image, no external stylesheet, so the page cannot load anything or leak the callback URL
 * (which carries the one-time code) anywhere, and the CSP below forbids it even if one slipped in.
 */
import type { OutgoingHttpHeaders } from 'node:http';

export interface CallbackPage {
  outcome: 'success' | 'failure';
  title: string;
  message: string;
}

export const PAGE_HEADERS: Readonly<OutgoingHttpHeaders> = Object.freeze({
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  // The page URL holds the code: never send it on as a Referer, never cache the page.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection, so closing the server never waits on an idle keep-alive socket.
  Connection: 'close',
});

export const SUCCESS_PAGE: CallbackPage = {
  outcome: 'success',
  title: 'Signed in to Switchboard',
  message: 'Switchboard has your OpenRouter key now. You can close this tab and return to the app.',
};

/** The person declined, in Switchboard's dialog, to replace the key it already keeps. */
export const KEPT_PAGE: CallbackPage = {
  outcome: 'success',
  title: 'Switchboard kept your current key',
  message:
    'You chose to keep the key Switchboard already had, so the new one was not saved. OpenRouter did create it for this sign-in: if you do not need it, delete it at openrouter.ai/settings/keys. You can close this tab.',
};

export function failurePage(message: string): CallbackPage {
  return { outcome: 'failure', title: 'Sign-in did not finish', message };
}

export const NOT_FOUND_PAGE: CallbackPage = {
  outcome: 'failure',
  title: 'Not found',
  message: 'There is nothing here.',
};

export const ALREADY_USED_PAGE: CallbackPage = failurePage(
  'This sign-in link was already used. Return to Switchboard; start a new sign-in there if needed.',
);

/** The body of the launch URL's redirect (browsers follow the Location header without showing it). */
export const LAUNCH_PAGE: CallbackPage = {
  outcome: 'success',
  title: 'Opening OpenRouter',
  message: 'Taking you to OpenRouter to approve access for Switchboard.',
};

export const LAUNCH_USED_PAGE: CallbackPage = failurePage(
  'This sign-in link was already used, so Switchboard stopped that sign-in to be safe. Return to Switchboard and sign in again.',
);

export const CLOSED_PAGE: CallbackPage = failurePage(
  'Switchboard stopped waiting for this sign-in. Return to the app and sign in again if needed.',
);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1d1d1f}' +
  'h1{font-size:1.4rem}.failure h1{color:#b3261e}.success h1{color:#1b6e3a}';

export function renderPage(page: CallbackPage): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body class="${page.outcome}">`,
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p>${escapeHtml(page.message)}</p>`,
    '</body></html>',
  ].join('\n');
}
