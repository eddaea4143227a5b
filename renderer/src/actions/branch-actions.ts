import type { Message } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { createTranslate, type Translate } from '../i18n/note';
import type { MessagePage, MessagesStore } from '../state/messages-store';
import type { StreamsStore } from '../state/streams-store';
import { FIRST_PAGE_SIZE, MESSAGE_PAGE_SIZE } from './message-actions';

export interface BranchActionsDeps {
  bridge: Pick<SwitchboardBridge, 'switchBranch' | 'loadMessages'>;
  messages: MessagesStore;
  streams: StreamsStore;
  /** Writes the renderer's own refusals in the interface's language (English when not given). */
  translate?: Translate;
}

/** Which of a message's version buttons was pressed. */
export type VersionControl = 'previous' | 'next';

/** The most messages one loadMessages call may ask for (the contract's limit). */
const MAX_PAGE = 500;

/**
 * Versions of a message (issue 18): a conversation is a tree and the window shows one path through
 * it. Switching a version asks main to show the branch holding the sibling, then reads the path again.
 */
export function createBranchActions(deps: BranchActionsDeps) {
  const { bridge, messages, streams } = deps;
  const translate = deps.translate ?? createTranslate();
  // The version switcher that was pressed belongs to a message the switch takes off the path; its
  // sibling's switcher, which replaces it, takes the focus back when it appears (see takeFocus).
  let focusRequest: { messageId: string; control: VersionControl } | null = null;

  /** Reads the visible path from its end, going back page by page until `messageId` is in it. */
  const readPath = async (
    conversationId: string,
    limit: number,
    messageId: string | null,
  ): Promise<Result<MessagePage>> => {
    const latest = await bridge.loadMessages({ conversationId, limit });
    if (!latest.ok) return latest;
    let page = latest.value.messages;
    let hasMore = latest.value.hasMore;
    while (messageId !== null && hasMore && !page.some((m) => m.id === messageId)) {
      const before = page[0]?.id;
      if (before === undefined) break;
      const older = await bridge.loadMessages({ conversationId, before, limit: MESSAGE_PAGE_SIZE });
      if (!older.ok) return older;
      page = [...older.value.messages, ...page];
      hasMore = older.value.hasMore;
    }
    return { ok: true, value: { messages: page, hasMore } };
  };

  /**
   * Reads the visible path again and shows it: as many messages as were shown (so the list keeps
   * what the person scrolled to), and back as far as `keepInView` if it is given.
   */
  /**
   * The latest reload asked for per conversation: a reload that answers after a later one was asked
   * (the read after a reply's end, overtaken by a version switch) must not put the older path back.
   */
  const latestReload = new Map<string, number>();
  let reloads = 0;
  const reloadPath = async (
    conversationId: string,
    keepInView: string | null = null,
  ): Promise<Result<unknown>> => {
    const ticket = ++reloads;
    latestReload.set(conversationId, ticket);
    const shownBefore = messages.lists.get(conversationId)?.ids ?? [];
    const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE_SIZE, shownBefore.length));
    const result = await readPath(conversationId, limit, keepInView);
    if (result.ok && latestReload.get(conversationId) === ticket) {
      messages.pathReloaded(conversationId, result.value, shownBefore);
    }
    return result;
  };

  return {
    reloadPath,

    /**
     * Shows the previous or next version of `message`: main makes the sibling's branch the visible
     * one, and the path below it changes. Refused while a reply streams in the conversation (the
     * reply belongs to the path shown now).
     */
    async switchVersion(
      conversationId: string,
      message: Message,
      control: VersionControl,
    ): Promise<Result<unknown>> {
      if (streams.forConversation(conversationId) !== null) {
        return {
          ok: false,
          error: { code: 'validation', message: translate('chat.versions.waitForReply') },
        };
      }
      const branch = message.branch;
      const target = branch?.siblingIds[branch.index + (control === 'previous' ? -1 : 1)];
      if (target === undefined) return { ok: true, value: null };
      focusRequest = { messageId: target, control };
      const switched = await bridge.switchBranch({ conversationId, messageId: target });
      if (!switched.ok) {
        focusRequest = null;
        return switched;
      }
      return reloadPath(conversationId, target);
    },

    /**
     * Whether the switcher of `messageId` should take the focus, and on which button; asked once
     * when it appears, so the focus stays where the person pressed.
     */
    takeFocus(messageId: string): VersionControl | null {
      if (focusRequest?.messageId !== messageId) return null;
      const { control } = focusRequest;
      focusRequest = null;
      return control;
    },

    /**
     * Before a search hit opens its conversation: if the hit is in a version that is not shown, main
     * is asked to show that branch, so the hit is there when the conversation opens.
     */
    async revealMessage(conversationId: string, messageId: string): Promise<Result<unknown>> {
      if (messages.lists.get(conversationId)?.ids.includes(messageId)) return { ok: true, value: null };
      // A reply is being written on the path shown now; the hit is looked for there only.
      if (streams.forConversation(conversationId) !== null) return { ok: true, value: null };
      const path = await readPath(conversationId, MESSAGE_PAGE_SIZE, messageId);
      if (!path.ok) return path;
      if (path.value.messages.some((m) => m.id === messageId)) return { ok: true, value: null };
      const switched = await bridge.switchBranch({ conversationId, messageId });
      if (!switched.ok) return switched;
      // A conversation not loaded yet reads the new path when it opens.
      if (messages.lists.has(conversationId)) return reloadPath(conversationId, messageId);
      return { ok: true, value: null };
    },
  };
}

export type BranchActions = ReturnType<typeof createBranchActions>;
