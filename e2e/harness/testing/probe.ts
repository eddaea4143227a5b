import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

/**
 * What a local process can do to the harness servers without a browser: plain HTTP requests and
 * WebSocket upgrades with whatever Host and Origin headers it likes.
 */

export interface Served {
  status: number;
  body: string;
}

/** GET `path` from 127.0.0.1:`port`, sending `host` as the Host header (default: the honest one). */
export function httpGet(port: number, path: string, host = `127.0.0.1:${port}`): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Tries a WebSocket upgrade and, once open, one request on `channel`. Resolves `answered ok`,
 * `answered <error code>` or `refused <status or error>`.
 */
export function tryUpgrade(opts: {
  port: number;
  path: string;
  token: string | null;
  origin: string;
  host?: string;
  channel: string;
}): Promise<string> {
  const url = new URL(`ws://127.0.0.1:${opts.port}${opts.path}`);
  if (opts.token !== null) url.searchParams.set('token', opts.token);
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      origin: opts.origin,
      ...(opts.host ? { headers: { host: opts.host } } : {}),
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(`refused ${res.statusCode}`);
      ws.terminate();
    });
    ws.on('error', (error) => resolve(`refused ${error.message}`));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, channel: opts.channel })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        result: { ok: boolean; error?: { code: string } };
      };
      if (message.type !== 'response') return;
      resolve(message.result.ok ? 'answered ok' : `answered ${message.result.error?.code}`);
      ws.close();
    });
  });
}

/**
 * A stand-in for out/renderer (the harness serves whatever is there): both pages, a script and a
 * stylesheet. Returns the directory and the URL path of every file in it.
 */
export async function fakeRendererDir(): Promise<{ dir: string; files: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-harness-renderer-'));
  await mkdir(join(dir, 'assets'));
  const page = (title: string, script: string) =>
    `<!doctype html><html><head><title>${title}</title><script type="module" src="/assets/${script}"></script><link rel="stylesheet" href="/assets/app.css"></head><body><div id="root"></div></body></html>`;
  const files: Record<string, string> = {
    'index.html': page('Switchboard', 'index.js'),
    'key-entry.html': page('Enter your OpenRouter key', 'key-entry.js'),
    'assets/index.js': 'console.log("chat page");',
    'assets/key-entry.js': 'console.log("key-entry page");',
    'assets/app.css': 'body { margin: 0; }',
  };
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  return { dir, files: Object.keys(files).map((path) => `/${path}`) };
}
