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

/** WebSocket endpoints, one per window kind; the per-run token is a query parameter. */
export const CHAT_WS_PATH = '/__harness/ws';
export const KEY_ENTRY_WS_PATH = '/__harness/ws-key-entry';
export const CHAT_PRELOAD_PATH = '/__harness/preload.js';
export const KEY_ENTRY_PRELOAD_PATH = '/__harness/key-entry-preload.js';
