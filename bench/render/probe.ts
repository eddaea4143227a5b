import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { BlockSplitter } from '../../renderer/src/markdown/blockSplitter';
import { benchmarkTokens } from './document';

const kind = process.argv[2] ?? 'incremental';
const count = Number(process.argv[3] ?? 3000);
const outDir = await mkdtemp(join(tmpdir(), 'probe-'));
await build({
  root: 'bench/render',
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: { 'bench-markdown': join(process.cwd(), 'renderer/src/markdown/index.ts') } },
  build: { outDir, minify: false },
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const server = createServer(async (req, res) => {
  try {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    const b = await readFile(join(outDir, p));
    res.writeHead(200, {
      'content-type': p.endsWith('.js')
        ? 'text/javascript'
        : p.endsWith('.css')
          ? 'text/css'
          : p.endsWith('.html')
            ? 'text/html'
            : 'application/octet-stream',
    });
    res.end(b);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as { port: number }).port;
await page.goto(`http://127.0.0.1:${port}/index.html?renderer=${kind}`);
await page.waitForFunction(() => document.title.startsWith('ready:'));
const tokens = benchmarkTokens(count);
const cdp = await page.context().newCDPSession(page);
await page.evaluate(([t]) => window.__bench.start(t, 5000), [tokens.slice(0, 1500)] as const);
await page.evaluate(() => window.__bench.reset());
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.evaluate(([t]) => window.__bench.start(t, 500), [tokens] as const);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id);
  if (!n) return;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
(profile.samples ?? []).forEach((id, i) => {
  const seen = new Set<string>();
  let cur: number | undefined = id;
  while (cur !== undefined) {
    const n = byId.get(cur);
    if (!n) break;
    const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
    if (!seen.has(key)) {
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    }
    cur = parent.get(cur);
  }
});
const want =
  /^(render|fromMarkdown|toJsxRuntime|runSync|parse|commitRoot|performWorkOnRoot|Markdown|MarkdownBlock|KatexMath|renderToDomTree|toNode|highlightCode|flushSync|getBoundingClientRect|update|frame|remarkHtmlAsText|toHast|compile|processor|post|createProcessor|freeze|commitMutationEffects|commitLayoutEffects|renderRootSync|workLoopSync|gc|\(garbage collector\)|\(program\)):/;
console.log(
  [...incl.entries()]
    .filter(([k]) => want.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`)
    .join('\n'),
);
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total sampled ms', total.toFixed(0));
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(v.toFixed(1).padStart(8), k);
const r = await page.evaluate(() => window.__bench.results());
const works = r?.samples.map((s) => s.work).sort((a, b) => a - b) ?? [];
{
  const splitter = new BlockSplitter();
  const rows: Array<[number, string]> = [];
  for (const sm of r?.samples ?? []) {
    const text = tokens.slice(0, sm.first + sm.count).join('');
    const before = splitter.settled.length;
    const snap = splitter.update(text);
    const tail = text.slice(snap.tailStart);
    const settledNow = splitter.settled.slice(before).map((b) => b.text.length);
    rows.push([
      sm.work,
      `${sm.work.toFixed(1).padStart(6)} settled=${JSON.stringify(settledNow)} tail=${String(tail.length).padStart(5)} ${JSON.stringify(tail.slice(0, 50))}`,
    ]);
  }
  console.log(
    rows
      .sort((a, b) => b[0] - a[0])
      .slice(0, 25)
      .map((x) => x[1])
      .join('\n'),
  );
}
console.log(
  'updates',
  works.length,
  'median',
  works[Math.floor(works.length / 2)],
  'p95',
  works[Math.floor(works.length * 0.95)],
);
const { readdir } = await import('node:fs/promises');
const js = (await readdir(join(outDir, 'assets'))).find((f) => f.endsWith('.js'));
const lines = (await readFile(join(outDir, 'assets', js ?? ''), 'utf8')).split('\n');
for (const n of (process.env.SHOW ?? '').split(',').filter(Boolean))
  console.log(n, lines.slice(Number(n) - 12, Number(n) + 3).join('\n'));
await browser.close();
server.close();
