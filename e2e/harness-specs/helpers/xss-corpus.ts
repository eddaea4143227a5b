/**
 * XSS payloads for the chat window, as model output (Markdown rendered by the app) and as user input
 * (plain text). Every payload calls `__xssCanary()` (or `parent.`/`top.` of it) if it ever runs, so a
 * spec that installs the canary before the page's scripts can tell "rendered inert" from "executed".
 *
 * Payloads are grouped by what they try; `swallows` marks payloads that change how the rest of a
 * Markdown document parses (an unclosed fence), so a spec can put them last in a document.
 */
export interface XssPayload {
  id: string;
  category:
    | 'script'
    | 'event-handler'
    | 'url-scheme'
    | 'encoded'
    | 'reference-link'
    | 'svg-mathml'
    | 'embedding'
    | 'navigation'
    | 'style'
    | 'markdown-structure'
    | 'bidi-zero-width'
    | 'long'
    | 'katex'
    | 'code'
    | 'parser-confusion';
  text: string;
  swallows?: boolean;
}

export const CANARY = '__xssCanary()';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const c = CANARY;

const list: Array<Omit<XssPayload, 'id'>> = [
  // Script tags
  { category: 'script', text: `<script>${c}</script>` },
  { category: 'script', text: `<SCRIPT SRC=data:text/javascript,${c}></SCRIPT>` },
  { category: 'script', text: `<scr<script>ipt>${c}</scr</script>ipt>` },
  { category: 'script', text: `Inline "><script>${c}</script> in a sentence.` },
  { category: 'script', text: `<script type="module">${c}</script>` },
  // Event handlers
  { category: 'event-handler', text: `<img src=x onerror=${c}>` },
  { category: 'event-handler', text: `Look: <img src="x" onerror="${c}" /> here` },
  { category: 'event-handler', text: `<body onload=${c}>` },
  { category: 'event-handler', text: `<div onmouseover="${c}">hover me</div>` },
  { category: 'event-handler', text: `<input autofocus onfocus=${c}>` },
  { category: 'event-handler', text: `<details open ontoggle=${c}><summary>x</summary></details>` },
  { category: 'event-handler', text: `<video><source onerror="${c}"></video>` },
  { category: 'event-handler', text: `<a href="#" onclick="${c}">click me</a>` },
  { category: 'event-handler', text: `<marquee onstart=${c}>x</marquee>` },
  // URL schemes in links, images and autolinks
  { category: 'url-scheme', text: `[click](javascript:${c})` },
  { category: 'url-scheme', text: `[click](JaVaScRiPt:${c})` },
  { category: 'url-scheme', text: `[click](<javascript:${c}>)` },
  { category: 'url-scheme', text: `[click](  javascript:${c}  "title")` },
  { category: 'url-scheme', text: `[click](data:text/html;base64,${b64(`<script>parent.${c}</script>`)})` },
  { category: 'url-scheme', text: `[click](vbscript:${c})` },
  { category: 'url-scheme', text: `![image](javascript:${c})` },
  {
    category: 'url-scheme',
    text: `![image](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${c}"/>`)})`,
  },
  { category: 'url-scheme', text: `<javascript:${c}>` },
  { category: 'url-scheme', text: `<vbscript:${c}>` },
  { category: 'url-scheme', text: `Bare javascript:${c} and www.example.com/javascript:${c}` },
  {
    category: 'url-scheme',
    text: `[file](file:///etc/passwd) [app](app://switchboard/index.html) [rel](/index.html)`,
  },
  { category: 'url-scheme', text: `[x](https://example.com/"onmouseover="${c})` },
  // Entities and encodings
  { category: 'encoded', text: `[click](&#106;avascript:${c})` },
  { category: 'encoded', text: `[click](&#x6A;&#x61;vascript:${c})` },
  { category: 'encoded', text: `[click](javascript&colon;${c})` },
  { category: 'encoded', text: `[click](%6A%61%76%61script:${c})` },
  { category: 'encoded', text: `[click](java%0ascript:${c}) [tab](java\tscript:${c})` },
  { category: 'encoded', text: `<a href="&#106;avascript:${c}">x</a>` },
  { category: 'encoded', text: `<img src=x onerror=&#95;&#95;xssCanary()>` },
  { category: 'encoded', text: `&lt;script&gt;${c}&lt;/script&gt; and &#60;img src=x onerror=${c}&#62;` },
  // Reference-link tricks
  { category: 'reference-link', text: `[click][evil]\n\n[evil]: javascript:${c}` },
  { category: 'reference-link', text: `![image][evil-img]\n\n[evil-img]: javascript:${c} "title"` },
  { category: 'reference-link', text: `[shortcut]\n\n[shortcut]: <javascript:${c}>` },
  {
    category: 'reference-link',
    text: `Text with a note[^n].\n\n[^n]: <img src=x onerror=${c}> [x](javascript:${c})`,
  },
  // SVG and MathML
  { category: 'svg-mathml', text: `<svg onload=${c}>` },
  { category: 'svg-mathml', text: `<svg><script>${c}</script></svg>` },
  {
    category: 'svg-mathml',
    text: `<svg><a xlink:href="javascript:${c}"><text x="20" y="20">click</text></a></svg>`,
  },
  { category: 'svg-mathml', text: `<math><mtext><table><mglyph><style><img src=x onerror=${c}>` },
  // Embedding
  { category: 'embedding', text: `<iframe src="javascript:parent.${c}"></iframe>` },
  { category: 'embedding', text: `<iframe srcdoc="<script>parent.${c}</script>"></iframe>` },
  { category: 'embedding', text: `<object data="javascript:${c}"></object>` },
  { category: 'embedding', text: `<embed src="javascript:${c}">` },
  { category: 'embedding', text: `<form action="javascript:${c}"><button>go</button></form>` },
  // Navigation
  { category: 'navigation', text: `<meta http-equiv="refresh" content="0;url=javascript:${c}">` },
  { category: 'navigation', text: `<base href="javascript:${c}//">` },
  {
    category: 'navigation',
    text: `<a href="https://example.com" target="_blank" ping="http://127.0.0.1:9/">ping</a>`,
  },
  // Style
  {
    category: 'style',
    text: `<style>@import 'javascript:${c}'; body{background:url("javascript:${c}")}</style>`,
  },
  { category: 'style', text: `<div style="width: expression(${c})">x</div>` },
  { category: 'style', text: `<link rel=stylesheet href="javascript:${c}">` },
  // Markdown structure: nested, broken
  { category: 'markdown-structure', text: `[[click](javascript:${c})](https://example.com)` },
  { category: 'markdown-structure', text: `[a](https://example.com "title" onclick="${c}")` },
  { category: 'markdown-structure', text: `**<img src=x onerror=${c}>** *[x](javascript:${c})*` },
  {
    category: 'markdown-structure',
    text: `> <script>${c}</script>\n> - [x](javascript:${c})\n>   - ![y](javascript:${c})`,
  },
  {
    category: 'markdown-structure',
    text: `| a | b |\n|---|---|\n| <img src=x onerror=${c}> | [x](javascript:${c}) |`,
  },
  { category: 'markdown-structure', text: `- [ ] <input onfocus=${c} autofocus>\n- [x] done` },
  { category: 'markdown-structure', text: `<div>\n\n[x](javascript:${c})\n\n</div>` },
  // Bidirectional text and zero-width characters
  { category: 'bidi-zero-width', text: `[https://openrouter.ai\u202E/lave](javascript:${c})` },
  { category: 'bidi-zero-width', text: `[invoice\u202Efdp.exe](https://evil.example/download)` },
  {
    category: 'bidi-zero-width',
    text: `[click](java\u200Bscript:${c}) [click](\u200Bjavascript:${c}) [click](\uFEFFjavascript:${c})`,
  },
  { category: 'bidi-zero-width', text: `<img\u200B src=x onerror=${c}>` },
  // Very long lines
  // An unbroken 10,000-character word: longer ones cost Chromium seconds of layout (see SECURITY.md).
  { category: 'long', text: `${'A'.repeat(10_000)}<img src=x onerror=${c}>` },
  { category: 'long', text: `${'lorem ipsum '.repeat(10_000)}<img src=x onerror=${c}> [x](javascript:${c})` },
  { category: 'long', text: `[x](javascript:${c}) `.repeat(2_000) },
  // KaTeX
  { category: 'katex', text: `$\\href{javascript:${c}}{click}$` },
  { category: 'katex', text: `$$\\url{javascript:${c}}$$` },
  { category: 'katex', text: `$\\includegraphics{javascript:${c}}$` },
  {
    category: 'katex',
    text: `$\\htmlStyle{background:url(javascript:${c})}{x} \\htmlClass{x}{y} \\htmlId{z}{w}$`,
  },
  { category: 'katex', text: `$\\htmlData{onload=${c}}{x}$` },
  // Code
  { category: 'code', text: `\`\`\`html\n<script>${c}</script>\n<img src=x onerror=${c}>\n\`\`\`` },
  { category: 'code', text: `Inline \`<img src=x onerror=${c}>\` code.` },
  { category: 'code', text: `\`\`\`javascript:${c}\nconst x = 1;\n\`\`\`` },
  { category: 'code', text: `\`\`\`"><img src=x onerror=${c}>\nx\n\`\`\`` },
  // Parser confusion
  { category: 'parser-confusion', text: `<noscript><p title="</noscript><img src=x onerror=${c}>">` },
  { category: 'parser-confusion', text: `<template><img src=x onerror=${c}></template>` },
  { category: 'parser-confusion', text: `<textarea><img src=x onerror=${c}></textarea>` },
  { category: 'parser-confusion', text: `<!--<img src="--><img src=x onerror=${c}//">` },
  { category: 'code', text: `\`\`\`\n<img src=x onerror=${c}>\nunclosed fence`, swallows: true },
];

export const XSS_PAYLOADS: readonly XssPayload[] = list.map((p, i) => ({
  ...p,
  id: `xss-${String(i + 1).padStart(2, '0')}`,
}));

/**
 * The payloads as Markdown documents of about `size` payloads each, separated by thematic breaks,
 * with a visible marker per payload; payloads that swallow what follows end their document.
 */
export function xssDocuments(size: number): string[][] {
  const normal = XSS_PAYLOADS.filter((p) => !p.swallows);
  const swallowing = XSS_PAYLOADS.filter((p) => p.swallows);
  const groups: XssPayload[][] = [];
  for (let i = 0; i < normal.length; i += size) groups.push(normal.slice(i, i + size));
  swallowing.forEach((p, i) => {
    groups[i % groups.length]?.push(p);
  });
  return groups.map((group) => group.map((p) => `**${p.id}** (${p.category})\n\n${p.text}`));
}
