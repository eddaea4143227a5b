import type { ReceivedAttachments } from './attachments';

// Public shapes of the emulator, kept apart from server.ts so the route modules can use them without
// importing the server (which imports them). server.ts re-exports these names.

export interface EmulatorKey {
  key: string;
  label?: string;
  usage?: number;
  limit?: number | null;
  limitRemaining?: number | null;
  isFreeTier?: boolean;
  /** false: `GET /models/user` answers 403 for this key, as for a key that may not list the account's models. */
  mayListAccountModels?: boolean;
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
  /**
   * Models the emulated account's privacy settings exclude: left out of `GET /models/user`, and a chat
   * request for one gets OpenRouter's 404 "No endpoints found matching your data policy". Default
   * DEFAULT_PRIVACY_EXCLUDED (one free model).
   */
  privacyExcludedModels?: readonly string[];
  /** Presets by slug: `model: "@preset/<slug>"` is served by the model it names. Default DEFAULT_PRESETS. */
  presets?: Readonly<Record<string, string>>;
}

/** One free model whose only host keeps prompts, as an account that refuses training would exclude. */
export const DEFAULT_PRIVACY_EXCLUDED: readonly string[] = ['deepseek/deepseek-chat-v3.1:free'];
export const DEFAULT_PRESETS: Readonly<Record<string, string>> = {
  'daily-driver': 'anthropic/claude-sonnet-4.5',
};

/**
 * The issue-15 fields of a chat request, copied as sent (a field is present only when the request had
 * it), so tests assert on exactly what the client asked for.
 */
export interface ChatOptionsRecord {
  reasoning?: unknown;
  provider?: unknown;
  models?: unknown;
  session_id?: unknown;
  tools?: unknown;
}

/**
 * PDFs the emulator "parsed" for chat requests (each gave a `file` annotation) and PDFs whose parse it
 * skipped because the request sent that file's annotation back (issue 17). Since start or the last
 * `clearRequests()`.
 */
export interface PdfParseCounts {
  parsed: number;
  skipped: number;
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
  /** Chat requests only (null otherwise): see ChatOptionsRecord. */
  chatOptions: ChatOptionsRecord | null;
  /** Chat requests that were answered: the model that served (after presets and fallbacks) and its provider. */
  served: { model: string; provider: string } | null;
  /**
   * Chat requests whose content parts were valid: every image, PDF, inlined text file and audio clip
   * of every message, decoded (so a test compares the exact bytes sent), with the PDF engine asked for
   * and, per PDF, whether it was parsed or its parse skipped. null otherwise.
   */
  attachments: ReceivedAttachments | null;
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
  /** A snapshot of the PDF parse counts (see PdfParseCounts). */
  pdfParses(): PdfParseCounts;
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForClientClose(id: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
