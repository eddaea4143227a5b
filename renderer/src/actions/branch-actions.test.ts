import { describe, expect, it } from 'vitest';
import type { Message } from '../../../common/conversation-types';
import { createMessagesStore } from '../state/messages-store';
import { createStreamsStore } from '../state/streams-store';
import { createBranchActions } from './branch-actions';

const message = (id: string, content: string): Message => ({
  id,
  role: 'assistant',
  content,
  reasoning: '',
  createdAt: '2026-12-06T00:00:00.000Z',
  model: 'm',
  status: 'complete',
  error: null,
  usage: null,
  finishReason: 'stop',
  generationId: null,
  parentId: null,
});

describe('branch actions', () => {
  it('a reload that answers after a later one does not put the older path back', async () => {
    const messages = createMessagesStore();
    const answers: Array<(value: { ok: true; value: { messages: Message[]; hasMore: boolean } }) => void> =
      [];
    const actions = createBranchActions({
      bridge: {
        switchBranch: async () => ({ ok: true, value: { leafId: 'r2' } }),
        loadMessages: () => new Promise((resolve) => answers.push(resolve)),
      },
      messages,
      streams: createStreamsStore(),
    });
    // The read after a reply ended (path with r3), then a version switch's read (path with r2)...
    const first = actions.reloadPath('c');
    const second = actions.reloadPath('c');
    // ...answered in the other order.
    answers[1]?.({ ok: true, value: { messages: [message('r2', 'second version')], hasMore: false } });
    await second;
    answers[0]?.({ ok: true, value: { messages: [message('r3', 'third version')], hasMore: false } });
    await first;
    expect(messages.lists.get('c')?.ids).toEqual(['r2']);
  });
});
