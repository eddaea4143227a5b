import type { Element, ElementContent, Root, RootContent } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

// rehype-highlight imports lowlight's `common` bundle (37 grammars) as its
// default, which no bundler can drop. Driving lowlight directly with an explicit
// subset keeps only these grammars in the renderer bundle.
const lowlight = createLowlight({
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  // highlight.js' "shell" grammar is for prompt transcripts; models say ```shell for commands.
  shellsession: shell,
  sql,
  typescript,
  xml,
  yaml,
});
lowlight.registerAlias({ bash: ['shell'], xml: ['html', 'svg'] });

// One huge block would otherwise become a long main-thread task; past this size it stays plain.
const MAX_HIGHLIGHT_CHARS = 20_000;

export function highlightLanguageKnown(language: string): boolean {
  return lowlight.registered(language);
}

/** Rehype plugin: highlight `pre > code.language-*` with the registered subset. */
export function rehypeHighlightSubset() {
  return (tree: Root): undefined => {
    visitCodeBlocks(tree, highlightCode);
  };
}

function visitCodeBlocks(node: Root | Element, visit: (code: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'pre') {
      for (const code of child.children) {
        if (code.type === 'element' && code.tagName === 'code') visit(code);
      }
    } else {
      visitCodeBlocks(child, visit);
    }
  }
}

function highlightCode(code: Element): void {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return;
  const language = classes
    .map(String)
    .find((name) => name.startsWith('language-'))
    ?.slice('language-'.length);
  if (language === undefined || !lowlight.registered(language)) return;
  let text = '';
  for (const child of code.children) if (child.type === 'text') text += child.value;
  if (text.length > MAX_HIGHLIGHT_CHARS) return;
  const result = lowlight.highlight(language, text);
  code.properties.className = ['hljs', ...classes];
  code.children = result.children.filter(isElementContent);
}

function isElementContent(node: RootContent): node is ElementContent {
  return node.type !== 'doctype';
}
