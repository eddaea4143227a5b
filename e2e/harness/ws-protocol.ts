import { z } from 'zod';

/**
 * Messages between the harness page preload and the harness server. The page side only ever sends
 * `request`; the server answers with `response` and pushes `event`s, mirroring ipcRenderer.invoke/on.
 */
export const ClientMessageSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; channel: string; payload: unknown };

/** Path of the WebSocket endpoint; the per-run token is a query parameter. */
export const WS_PATH = '/__harness/ws';
export const PRELOAD_PATH = '/__harness/preload.js';
