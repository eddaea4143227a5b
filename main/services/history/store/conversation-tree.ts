import type { BranchInfo } from '../../../../common/conversation-types';
import type { ConversationFile, StoredMessage } from './conversation-file';
import type { TreeRepair } from './quarantine-reasons';

/**
 * A conversation is a tree (issue 18): regenerate adds a sibling reply, edit a sibling user message,
 * compare several sibling replies. Every message names its parent (`parentId`, null for a first
 * message) and the file names the leaf shown (`activeLeafId`); the visible path is the chain from a
 * first message to that leaf. Messages stay in the order they were made, so a child always comes after
 * its parent: that is what makes a valid file acyclic and lets every walk here stop.
 *
 * Nothing here is stored but `parentId` and `activeLeafId`: siblings, their order and the path are
 * worked out when read (O(messages), well under a millisecond for 2,000 messages).
 */

/**
 * Repairs a damaged tree in place and says what it changed (nothing for a valid file; each change a
 * catalog message, `errors.history.repair.*`, so a window can word it in its language), so that a file
 * edited by hand or written by a buggy build still opens with every message in it:
 * - a `parentId` that is missing, names no message, or names the message itself or a later one (which
 *   covers every cycle) → the message follows the previous one in the file (a first message: null);
 * - an `activeLeafId` that is missing or names no message → the last message.
 * Duplicate ids never get here: the schema refuses them (the file is quarantined).
 */
export function repairTree(doc: ConversationFile): TreeRepair[] {
  const repairs: TreeRepair[] = [];
  const all = new Set(doc.messages.map((m) => m.id));
  const earlier = new Set<string>();
  let previous: string | null = null;
  for (const m of doc.messages) {
    const parent = m.parentId;
    // What the message follows now: the one before it in the file, or nothing for a first message.
    const follows = { first: previous === null ? 'yes' : 'no', previous: previous ?? '' };
    if (parent === undefined) {
      repairs.push({ id: 'errors.history.repair.noParent', values: { message: m.id, ...follows } });
      m.parentId = previous;
    } else if (parent !== null && !earlier.has(parent)) {
      repairs.push(
        all.has(parent)
          ? {
              id: 'errors.history.repair.parentLoop',
              values: { message: m.id, parent, self: parent === m.id ? 'yes' : 'no', ...follows },
            }
          : { id: 'errors.history.repair.parentMissing', values: { message: m.id, parent, ...follows } },
      );
      m.parentId = previous;
    }
    earlier.add(m.id);
    previous = m.id;
  }
  const last = doc.messages.at(-1)?.id ?? null;
  const leaf = doc.activeLeafId;
  if (last === null) {
    if (leaf !== null) doc.activeLeafId = null;
  } else if (leaf === undefined || leaf === null || !all.has(leaf)) {
    repairs.push(
      leaf === undefined || leaf === null
        ? { id: 'errors.history.repair.noLeaf', values: { last } }
        : { id: 'errors.history.repair.leafMissing', values: { leaf, last } },
    );
    doc.activeLeafId = last;
  }
  return repairs;
}

/** Messages by id. */
export function byId(doc: ConversationFile): Map<string, StoredMessage> {
  return new Map(doc.messages.map((m) => [m.id, m]));
}

/**
 * The visible path: from a first message to the active leaf, oldest first. Stops at a parent it
 * cannot find or has seen (never loops, even on an unrepaired tree).
 */
export function visiblePath(doc: ConversationFile): StoredMessage[] {
  const leafId = doc.activeLeafId;
  if (leafId === null || leafId === undefined) return [];
  const ids = byId(doc);
  const path: StoredMessage[] = [];
  const seen = new Set<string>();
  let current = ids.get(leafId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    current = current.parentId ? ids.get(current.parentId) : undefined;
  }
  return path.reverse();
}

/** Children of every message (key null: the first messages), in the order they were made. */
export function childrenByParent(doc: ConversationFile): Map<string | null, StoredMessage[]> {
  const children = new Map<string | null, StoredMessage[]>();
  for (const m of doc.messages) {
    const key = m.parentId ?? null;
    const list = children.get(key);
    if (list) list.push(m);
    else children.set(key, [m]);
  }
  return children;
}

/** Where `message` sits among its siblings; undefined when it has none. */
export function branchOf(
  message: StoredMessage,
  children: ReadonlyMap<string | null, readonly StoredMessage[]>,
): BranchInfo | undefined {
  const siblings = children.get(message.parentId ?? null) ?? [];
  if (siblings.length < 2) return undefined;
  const siblingIds = siblings.map((s) => s.id);
  return { index: siblingIds.indexOf(message.id), count: siblingIds.length, siblingIds };
}

/**
 * The leaf reached from `messageId` by taking, at each step, its most recently made child (the last in
 * the file): "Previous version" on a reply shows that version and whatever followed it last.
 */
export function leafFrom(doc: ConversationFile, messageId: string): string {
  const children = childrenByParent(doc);
  let id = messageId;
  const seen = new Set<string>();
  for (;;) {
    seen.add(id);
    const next = children.get(id)?.at(-1);
    if (!next || seen.has(next.id)) return id;
    id = next.id;
  }
}
