import { createServer, type Socket } from 'node:net';
import { expect, type Page } from '@playwright/test';

/**
 * Probes run inside a page (as page script would run) for the hardening specs: the CSP the page
 * really got and whether Chromium enforces it, and every way a page could reach a server.
 */

/** Directive name -> its source list, from a CSP header. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The CSP header of the page's own document, as the app:// protocol handler serves it. */
export async function cspOf(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const response = await fetch(location.href, { cache: 'no-store' });
    return response.headers.get('content-security-policy');
  });
}

/** Inserts an inline script: under the app's CSP it must not run, and Chromium reports a violation. */
export async function inlineScriptProbe(page: Page): Promise<{ ran: boolean; violation: string }> {
  return page.evaluate(async () => {
    const flag = window as unknown as { e2eInlineRan?: boolean };
    delete flag.e2eInlineRan;
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
        once: true,
      });
      setTimeout(() => resolve('no violation reported within 5 s'), 5_000);
    });
    const script = document.createElement('script');
    script.textContent = 'window.e2eInlineRan = true;';
    document.head.append(script);
    // An allowed inline script runs synchronously on insertion, so this is already decided.
    const ran = flag.e2eInlineRan === true;
    const result = { ran, violation: ran ? 'none: the script ran' : await violation };
    script.remove();
    return result;
  });
}

export interface ConnectionCounter {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

/** A loopback TCP listener that counts every connection, however it came (HTTP, WebSocket, image). */
export async function startConnectionCounter(): Promise<ConnectionCounter> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ProbeUrls {
  fetches: string[];
  websocket: string;
  image: string;
}

export interface ProbeResult {
  fetches: string[];
  websocket: string;
  image: string;
}

/** Runs in the page: every way a page reaches a server. Self-contained (Playwright serialises it). */
export async function probeNetwork(urls: ProbeUrls): Promise<ProbeResult> {
  const settle = (p: Promise<string>) =>
    Promise.race([
      p,
      new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 10 s'), 10_000)),
    ]);
  const fetches: string[] = [];
  for (const url of urls.fetches) {
    fetches.push(
      await settle(
        fetch(url, { cache: 'no-store' }).then(
          (response) => `response ${response.status}`,
          (error: Error) => `rejected ${error.name}`,
        ),
      ),
    );
  }
  const websocket = await settle(
    new Promise<string>((resolve) => {
      try {
        const socket = new WebSocket(urls.websocket);
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('error');
      } catch (error) {
        resolve(`threw ${(error as Error).name}`);
      }
    }),
  );
  const image = await settle(
    new Promise<string>((resolve) => {
      const img = new Image();
      img.onload = () => resolve('load');
      img.onerror = () => resolve('error');
      img.src = urls.image;
    }),
  );
  return { fetches, websocket, image };
}

export function expectNoNetwork(result: ProbeResult): void {
  for (const outcome of result.fetches) expect(outcome).toMatch(/^rejected /);
  expect(['error', 'threw SecurityError', 'threw SyntaxError']).toContain(result.websocket);
  expect(result.image).toBe('error');
}
