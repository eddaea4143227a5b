// Plugins for rendering a streaming list or table in parts (streaming-tail.tsx): each part is parsed
// alone and rendered as bare items or rows inside the list or table element rendered once.
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';

/**
 * Remark plugins for a streaming list rendered in parts (see StreamingList): each part is parsed
 * alone, so its own looseness may differ from the whole list's; this sets it to the whole list's
 * (mdast-util-to-hast wraps item text in <p> when the list or any item is `spread`).
 */
function forceSpread(spread: boolean) {
  return () =>
    (tree: MdastRoot): undefined => {
      const list = tree.children[0];
      if (list?.type !== 'list') return;
      list.spread = spread;
      for (const item of list.children) item.spread = spread;
    };
}

export const remarkTightList = forceSpread(false);
export const remarkLooseList = forceSpread(true);

/** Rehype plugin: the part's list element is replaced by its items; StreamingList renders the list element once. */
export function rehypeListItemsOnly() {
  return (tree: HastRoot): undefined => {
    const list = tree.children.find((child) => child.type === 'element');
    if (list?.type !== 'element' || (list.tagName !== 'ul' && list.tagName !== 'ol')) return;
    tree.children = list.children;
  };
}

/** Rehype plugin: only the table's header row group (`thead`); StreamingTable renders the table once. */
export function rehypeTableHeadOnly() {
  return (tree: HastRoot): undefined => {
    const table = tree.children.find((child) => child.type === 'element');
    tree.children =
      table?.type === 'element' && table.tagName === 'table'
        ? table.children.filter((child) => child.type === 'element' && child.tagName === 'thead')
        : [];
  };
}

/**
 * Rehype plugin: only the table's body rows. Whitespace between them is dropped, as react-markdown
 * does inside tables (text is not allowed in `tbody`).
 */
export function rehypeTableRowsOnly() {
  return (tree: HastRoot): undefined => {
    const table = tree.children.find((child) => child.type === 'element');
    if (table?.type !== 'element' || table.tagName !== 'table') {
      tree.children = [];
      return;
    }
    const body = table.children.find((child) => child.type === 'element' && child.tagName === 'tbody');
    tree.children = body?.type === 'element' ? body.children.filter((child) => child.type === 'element') : [];
  };
}

/**
 * Rehype plugin: a lone paragraph is replaced by its content, as mdast-util-to-hast does with the first
 * paragraph of an item of a tight list; StreamingList renders the item element around it.
 */
export function rehypeParagraphContentOnly() {
  return (tree: HastRoot): undefined => {
    const elements = tree.children.filter((child) => child.type === 'element');
    const paragraph = elements[0];
    if (elements.length !== 1 || paragraph?.type !== 'element' || paragraph.tagName !== 'p') return;
    tree.children = paragraph.children;
  };
}
