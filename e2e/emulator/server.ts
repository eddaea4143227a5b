import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody } from './errors';
import { Exchange } from './exchange';
import { FaultCounters } from './fault-counters';
import { DEFAULT_KEY, KeyStore } from './keys';
import { OAuthServer } from './oauth';
import { RequestLog } from './request-log';
import { API_PREFIX, type EmulatorState, route } from './router';
import {
  DEFAULT_PRESETS,
  DEFAULT_PRIVACY_EXCLUDED,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest,
} from './types';

// A loopback stand-in for OpenRouter that every test of the app talks to. Node built-ins only.

export type { ReceivedAttachments } from './attachments';
export type {
  ChatOptionsRecord,
  Emulator,
  EmulatorKey,
  EmulatorOptions,
  PdfParseCounts,
  RecordedRequest,
} from './types';
export { DEFAULT_PRESETS, DEFAULT_PRIVACY_EXCLUDED } from './types';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const log = new RequestLog();
  const keys = new KeyStore();
  keys.add({ key: DEFAULT_KEY });
  for (const k of opts.keys ?? []) keys.add(k);
  const state: EmulatorState = {
    keys,
    counters: new FaultCounters(),
    pdfParses: { parsed: 0, skipped: 0 },
    oauth: new OAuthServer(now),
    account: {
      privacyExcluded: new Set(opts.privacyExcludedModels ?? DEFAULT_PRIVACY_EXCLUDED),
      presets: new Map(Object.entries(opts.presets ?? DEFAULT_PRESETS)),
    },
  };
  const open = new Set<Exchange>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const record: RecordedRequest = {
      id: log.newId(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(req.headers),
      body: null,
      at: now(),
      clientClosed: false,
      responseStatus: null,
      chatOptions: null,
      served: null,
      attachments: null,
    };
    const ex = new Exchange(req, res, record, (r) => log.changed(r), now);
    open.add(ex);
    res.on('close', () => open.delete(ex));
    void serve(ex, url);
  });

  async function serve(ex: Exchange, url: URL): Promise<void> {
    ex.record.body = parseBody(await readBody(ex.req));
    log.add(ex.record);
    try {
      await route(ex, url, state);
    } catch (err) {
      // A bug in the emulator must show up in the test that hit it, not hang it.
      console.error('[emulator] handler failed:', err);
      if (!ex.res.headersSent) await ex.sendJson(500, errorBody(500, `Emulator error: ${String(err)}`));
      else ex.destroy();
    }
  }

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | null = null;

  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    port,
    defaultKey: DEFAULT_KEY,
    requests: log.requests,
    addKey: (k) => keys.add(k),
    clearRequests: () => {
      log.clear();
      state.pdfParses.parsed = 0;
      state.pdfParses.skipped = 0;
    },
    pdfParses: () => ({ ...state.pdfParses }),
    resetFaultCounters: () => state.counters.reset(),
    waitForRequest: (pred, timeoutMs) => log.waitFor(pred, timeoutMs),
    waitForClientClose: (id, timeoutMs) => log.waitForClientClose(id, timeoutMs),
    close() {
      closing ??= new Promise<void>((resolve) => {
        log.close();
        // Stalled and dripping responses would otherwise keep the server open until they time out.
        for (const ex of open) ex.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Node already lower-cases names; repeated headers are joined the way HTTP allows. */
function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Resolves with what arrived, even when the client gives up halfway (that request is still recorded). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', done);
    req.once('close', done);
    req.once('error', done);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
