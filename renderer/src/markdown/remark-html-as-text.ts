import type { Html, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';

const BREAK = /^<br\s*\/?>$/i;

/**
 * Remark plugin: model output is untrusted, so raw HTML is never rendered as
 * HTML. Instead of silently dropping it (which hides content the model meant to
 * show), HTML blocks become code blocks and inline HTML becomes literal text;
 * `<br>`, common inside table cells, becomes a line break.
 */
export function remarkHtmlAsText() {
  return (tree: Root): undefined => {
    replaceHtml(tree);
  };
}

function replaceHtml(node: Parents): void {
  const children: Nodes[] = node.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child === undefined) continue;
    if (child.type === 'html') children[index] = asSafeNode(child, isFlowParent(node));
    else if ('children' in child) replaceHtml(child);
  }
}

function isFlowParent(node: Parents): boolean {
  return (
    node.type === 'root' ||
    node.type === 'blockquote' ||
    node.type === 'listItem' ||
    node.type === 'footnoteDefinition'
  );
}

function asSafeNode(node: Html, flow: boolean): RootContent | PhrasingContent {
  const position = node.position;
  if (flow) return { type: 'code', lang: 'html', value: node.value, position };
  if (BREAK.test(node.value.trim())) return { type: 'break', position };
  return { type: 'text', value: node.value, position };
}
