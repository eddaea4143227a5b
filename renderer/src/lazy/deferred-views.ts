import { preloadable } from './preloadable';

/**
 * Views kept out of the startup bundle (issue 19: page load → composer accepts typing ≤ 250 ms). Each is
 * a dynamic import, so Vite emits it as its own chunk under assets/, served like the entry script by the
 * `app://` handler (main/electron/app-protocol.ts: any bundle file but another host's page, `.js` as
 * text/javascript — module scripts need a JavaScript MIME type, electron/electron#12011) and allowed by
 * the CSP's `script-src 'self'` / `style-src 'self'` (a chunk's CSS is a <link> Vite adds). The chunk is
 * same-origin with the page (app://switchboard), as the entry module script already is, so the
 * scheme needs no `corsEnabled` (that privilege matters for a cross-origin import(), freelensapp/freelens#2400).
 * The harness's static server serves the same files (resolveAssetPath, shared with the handler).
 */
export const AssistantMessageView = preloadable(() =>
  import('../components/messages/message-views').then((m) => m.AssistantMessage),
);
export const UserMessageView = preloadable(() =>
  import('../components/messages/message-views').then((m) => m.UserMessage),
);
/** Recharts with d3, redux and immer: only the Spending dialog draws a chart. */
export const SpendingDialogView = preloadable(() =>
  import('../components/spending/spending-dialog').then((m) => m.SpendingDialog),
);
export const CompareViewView = preloadable(() =>
  import('../components/compare/compare-view').then((m) => m.CompareView),
);

// A failed load is not final: preload() forgets it, and the view tries again when it renders.
const ignore = () => {};

/**
 * Starts loading the message views' chunk. Called by the entry (main.tsx) before it asks main for the
 * language, so the chunk arrives and runs while the page waits for that answer: measured at load
 * average 13 (bench/app, composer and open), loading it after the first paint instead let a click on a
 * conversation wait for it (open 268–493 ms against 76–135 ms), and the composer was no faster.
 */
export function preloadMessageViews(): void {
  // Marks for the app benchmark's timeline: when loading started and when messages can show.
  performance.mark('switchboard:message-views-start');
  Promise.all([AssistantMessageView.preload(), UserMessageView.preload()])
    .then(() => performance.mark('switchboard:message-views-ready'))
    .catch(ignore);
}

/** Starts loading the dialogs' chunks; called once the window has painted (app.tsx). */
export function preloadDialogViews(): void {
  Promise.all([CompareViewView.preload(), SpendingDialogView.preload()]).catch(ignore);
}
