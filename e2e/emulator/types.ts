// Public shapes of the emulator, kept apart from server.ts so the route modules can use them without
// importing the server (which imports them). server.ts re-exports these names.

export interface EmulatorKey {
  key: string;
  label?: string;
  usage?: number;
  limit?: number | null;
  limitRemaining?: number | null;
  isFreeTier?: boolean;
}

export interface EmulatorOptions {
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1: the emulator is test tooling and must never listen on a public interface by accident. */
  host?: string;
  /** Accepted in addition to `defaultKey`. */
  keys?: EmulatorKey[];
  /** The emulator's clock (ms since epoch): OAuth code expiry, `created` fields and `RecordedRequest.at`. */
  now?: () => number;
}

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw string when it is not JSON, or null when empty. */
  body: unknown;
  at: number;
  /** True when the client closed the connection before the response ended. */
  clientClosed: boolean;
  responseStatus: number | null;
}

export interface Emulator {
  origin: string;
  baseUrl: string;
  port: number;
  defaultKey: string;
  requests: RecordedRequest[];
  addKey(k: EmulatorKey): void;
  clearRequests(): void;
  resetFaultCounters(): void;
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForClientClose(id: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
