import type { ChatRequest, ChatResult, ChatStreamEvent, ModelList } from '../../../common/chat-types';
import type { KeyInfo } from '../../../common/key-status';
import { parseBaseUrl } from '../../config/base-url';
import type { Logger } from '../log/logger';
import type { ModelEndpoints } from './endpoints';
import type { GenerationInfo } from './generation';
import type { ProviderInfo } from './providers';
import type { ReplyData } from './reply-data';
import { abortableSleep } from './retry';

export interface OpenRouterClientOptions {
  /**
   * e.g. https://openrouter.ai/api/v1. A launch-time setting; never taken from the renderer. Checked at
   * construction by main/config/base-url.ts, the rule the launch config uses too.
   */
  baseUrl: string;
  /** Reads the key from the vault on every call, so the client never holds a copy of it. */
  getKey: () => string | null;
  log: Logger;
  fetch?: typeof fetch;
  timeouts?: {
    /** From request start until response headers and the first body chunk. Default 60 000. */
    firstByteMs?: number;
    /** Silence allowed between two body chunks of a stream. Default 60 000. */
    idleMs?: number;
    /** Whole duration of a non-streaming call. Default 30 000. */
    requestMs?: number;
  };
  retry?: {
    /** Retries after the first attempt. Default 2. */
    maxRetries?: number;
    /** First backoff step. Default 500. */
    baseDelayMs?: number;
    /** Cap for both Retry-After and backoff. Default 10 000. */
    maxDelayMs?: number;
  };
  /** How long a fetched model list is served from memory. Default 10 minutes. */
  modelsTtlMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Sent as HTTP-Referer (OpenRouter app attribution). */
  appUrl?: string;
}

export interface StreamChatOptions {
  signal?: AbortSignal;
  onEvent: (event: ChatStreamEvent) => void;
  /** Called once, before the `done` event, with what the reply carries beyond IPC (reply-data.ts). */
  onReplyData?: (data: ReplyData) => void;
}

export interface OpenRouterClient {
  /**
   * Streams a chat completion. Calls onEvent for each delta/usage, then resolves with the ChatResult
   * (after emitting a final 'done' event) or rejects with ChatStreamFailure (after emitting an 'error'
   * event); partial text is kept on the failure.
   */
  streamChat(req: ChatRequest, opts: StreamChatOptions): Promise<ChatResult>;
  listModels(opts?: { refresh?: boolean }): Promise<ModelList>;
  /** GET /key with a given candidate key (before it is stored) or the current key. */
  getKeyInfo(key?: string): Promise<KeyInfo>;
  /**
   * GET /generation?id= with the current key: a generation's final usage, provider and finish reason
   * (for a reply whose stream ended without usage). Null when OpenRouter does not know the id (404),
   * which right after a stream can mean "not yet". Rejects with an AppFailure otherwise.
   */
  fetchGeneration(generationId: string, signal?: AbortSignal): Promise<GenerationInfo | null>;
  /**
   * GET /models/{author}/{slug}/endpoints: the providers serving a model (price, context, quantization,
   * uptime). Rejects with an AppFailure (`validation` for an id that is not `author/slug`, e.g. a preset).
   */
  listModelEndpoints(modelId: string): Promise<ModelEndpoints>;
  /**
   * GET /models/user: ids of the models the account's privacy settings, provider preferences and
   * guardrails allow. Null when this key may not ask (401/403/404, logged at debug) or the answer is
   * unreadable; rejects with an AppFailure only for failures such as offline or timeouts.
   */
  listAccountModelIds(): Promise<string[] | null>;
  /** GET /providers: slug, name and privacy policy link of each provider, sorted by name. */
  listProviders(): Promise<ProviderInfo[]>;
}

/** Options with every default filled in; what the internal modules share. */
export interface ClientContext {
  baseUrl: URL;
  getKey: () => string | null;
  log: Logger;
  fetch: typeof fetch;
  timeouts: { firstByteMs: number; idleMs: number; requestMs: number };
  retry: { maxRetries: number; baseDelayMs: number; maxDelayMs: number };
  modelsTtlMs: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  appUrl: string;
}

export const DEFAULT_APP_URL = 'https://github.com/switchboard-app/switchboard';

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function resolveOptions(o: OpenRouterClientOptions): ClientContext {
  return {
    baseUrl: parseBaseUrl(o.baseUrl),
    getKey: o.getKey,
    log: o.log,
    // Looked up at call time rather than captured, so tests that stub the global still work.
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeouts: {
      firstByteMs: nonNegative(o.timeouts?.firstByteMs, 60_000),
      idleMs: nonNegative(o.timeouts?.idleMs, 60_000),
      requestMs: nonNegative(o.timeouts?.requestMs, 30_000),
    },
    retry: {
      maxRetries: Math.floor(nonNegative(o.retry?.maxRetries, 2)),
      baseDelayMs: nonNegative(o.retry?.baseDelayMs, 500),
      maxDelayMs: nonNegative(o.retry?.maxDelayMs, 10_000),
    },
    modelsTtlMs: nonNegative(o.modelsTtlMs, 10 * 60_000),
    now: o.now ?? Date.now,
    sleep: o.sleep ?? abortableSleep,
    appUrl: o.appUrl ?? DEFAULT_APP_URL,
  };
}
