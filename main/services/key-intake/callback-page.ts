/**
 * The pages the loopback server shows in the person's browser. They are plain and self-contained: no
 * script, no image, no external stylesheet, so the page cannot load anything or leak the callback URL
 * (which carries the one-time code) anywhere, and the CSP below forbids it even if one slipped in.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { MessageValues } from '../../../common/i18n/nested-messages';
import { ENGLISH_TEXT, type MainText } from '../i18n/catalog-intl';

/** A page's words: a catalog message (shown in the app's current language) or text given as is. */
type PageWords = { id: string; values?: MessageValues } | { text: string };

export interface CallbackPage {
  outcome: 'success' | 'failure';
  title: PageWords;
  message: PageWords;
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
  title: { id: 'callback.success.title' },
  message: { id: 'callback.success.message' },
};

/** The person declined, in Switchboard's dialog, to replace the key it already keeps. */
export const KEPT_PAGE: CallbackPage = {
  outcome: 'success',
  title: { id: 'callback.kept.title' },
  message: { id: 'callback.kept.message' },
};

/** A failed sign-in: the error's catalog message (sign-in-errors.ts), or text given as is. */
export function failurePage(message: PageWords): CallbackPage {
  return { outcome: 'failure', title: { id: 'callback.failure.title' }, message };
}

export const NOT_FOUND_PAGE: CallbackPage = {
  outcome: 'failure',
  title: { id: 'callback.notFound.title' },
  message: { id: 'callback.notFound.message' },
};

export const ALREADY_USED_PAGE: CallbackPage = failurePage({ id: 'callback.alreadyUsed.message' });

/** The body of the launch URL's redirect (browsers follow the Location header without showing it). */
export const LAUNCH_PAGE: CallbackPage = {
  outcome: 'success',
  title: { id: 'callback.launch.title' },
  message: { id: 'callback.launch.message' },
};

export const LAUNCH_USED_PAGE: CallbackPage = failurePage({ id: 'callback.launchUsed.message' });

export const CLOSED_PAGE: CallbackPage = failurePage({ id: 'callback.closed.message' });

export const CANCELLED_PAGE: CallbackPage = failurePage({ id: 'callback.cancelled.message' });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:15vh auto;padding:0 1.5rem;color:#1d1d1f}' +
  'h1{font-size:1.4rem}.failure h1{color:#b3261e}.success h1{color:#1b6e3a}';

/** The page in the language `text` is in when it is sent (the person may switch during a sign-in). */
export function renderPage(page: CallbackPage, text: MainText = ENGLISH_TEXT): string {
  const words = (w: PageWords) => ('id' in w ? text.message(w.id, w.values) : w.text);
  const title = words(page.title);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(text.lang())}">`,
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body class="${page.outcome}">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(words(page.message))}</p>`,
    '</body></html>',
  ].join('\n');
}
