import type { Emulator } from './server';

// Helpers shared by the emulator's own tests: request builders and a small SSE reader that keeps the
// raw text, because the tests assert on exact framing.

export interface ChunkDelta {
  role?: string;
  content?: string;
  reasoning?: string;
  reasoning_details?: { type: string; text: string; format: string; index: number }[];
}

export interface StreamChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; delta: ChunkDelta; finish_reason: string | null }[];
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    prompt_tokens_details: { cached_tokens: number };
    completion_tokens_details: { reasoning_tokens: number };
    cost: number;
    is_byok: boolean;
  };
  error?: { code: number | string; message: string; metadata: { error_type: string } };
}

export interface ErrorJson {
  error: { code?: number; message: string; metadata?: Record<string, unknown> } & Record<string, unknown>;
}

export const MESSAGES = [{ role: 'user', content: 'Tell me about streams.' }];

export interface ChatOptions {
  model?: string;
  fault?: string;
  stream?: boolean;
  key?: string;
  signal?: AbortSignal;
  extra?: Record<string, unknown>;
}

export function chat(emu: Emulator, opts: ChatOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${opts.key ?? emu.defaultKey}`,
    'content-type': 'application/json',
  };
  if (opts.fault !== undefined) headers['x-emulator-fault'] = opts.fault;
  return fetch(`${emu.baseUrl}/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      model: opts.model ?? 'openai/gpt-4o',
      messages: MESSAGES,
      stream: opts.stream ?? true,
      ...opts.extra,
    }),
    signal: opts.signal,
  });
}

export function get(emu: Emulator, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${emu.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${emu.defaultKey}`, ...headers },
  });
}

export interface ParsedSse {
  /** `data:` payloads in order, `[DONE]` included. */
  data: string[];
  /** Comment lines (without the leading colon) in order. */
  comments: string[];
}

/** A minimal spec-following reader: lines end in CRLF, LF or CR; events end at a blank line. */
export function parseSse(text: string): ParsedSse {
  const out: ParsedSse = { data: [], comments: [] };
  let dataLines: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') {
      if (dataLines.length > 0) out.data.push(dataLines.join('\n'));
      dataLines = [];
    } else if (line.startsWith(':')) out.comments.push(line.slice(1).trim());
    else if (line.startsWith('data:')) dataLines.push(line.slice(5).replace(/^ /, ''));
  }
  return out;
}

export function chunksOf(text: string): StreamChunk[] {
  return parseSse(text)
    .data.filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d) as StreamChunk);
}

/** The concatenated `delta.content` of the chunks. */
export function contentOf(chunks: StreamChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

export function contentChunks(chunks: StreamChunk[]): StreamChunk[] {
  return chunks.filter((c) => (c.choices[0]?.delta.content ?? '') !== '');
}

/** Reads a body until it ends or fails; returns what arrived and the failure, if any. */
export async function readUntilError(res: Response): Promise<{ text: string; error: unknown }> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: null };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

/** Resolves 'timeout' after `ms` unless `p` settles first: for asserting that nothing happens in a window. */
export function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
