import { z } from 'zod';

/**
 * Messages between the harness page preload and the harness server. The page side only ever sends
 * `request`; the server answers with `response` and pushes `event`s, mirroring ipcRenderer.invoke/on.
 */
export const ClientMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown().optional(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; channel: string; payload: unknown };

/**
 * WebSocket endpoints, one per window kind, each on its own origin (the chat page and the key-entry
 * page are served from two loopback ports). The credential is a query parameter of the upgrade: the
 * per-run token for the chat socket, a one-time token per key-window request for the key-entry socket.
 * Neither is in anything a server serves: both reach the page in its URL fragment (below).
 */
export const CHAT_WS_PATH = '/__harness/ws';
export const KEY_ENTRY_WS_PATH = '/__harness/ws-key-entry';
export const CHAT_PRELOAD_PATH = '/__harness/preload.js';
export const KEY_ENTRY_PRELOAD_PATH = '/__harness/key-entry-preload.js';
/**
 * Name of the URL-fragment parameter carrying a key-entry window's one-time token
 * (`key-entry.html#key-window-token=…`). A fragment is never sent to the server; the key-entry
 * preload reads it and removes it from the address before the page's own script runs.
 */
export const KEY_WINDOW_TOKEN_PARAM = 'key-window-token';
/**
 * Name of the URL-fragment parameter carrying the chat socket's per-run token
 * (`http://127.0.0.1:<port>/#harness-token=…`, which is `Harness.url`). Only the driver (or the person
 * the CLI prints it for) has it; a fragment is never sent to the server nor in a Referer. It stays in
 * the address so a reload reconnects: the chat page may read it, as it is worth no more than the chat
 * bridge the page already holds.
 */
export const CHAT_TOKEN_PARAM = 'harness-token';
