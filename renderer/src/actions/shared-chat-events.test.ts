import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../testing/fake-bridge';
import { shareChatEvents } from './shared-chat-events';

describe('shared chat events', () => {
  it('subscribes to the bridge once for every listener, and lets go when the last one leaves', async () => {
    const fake = createFakeBridge();
    const shared = shareChatEvents(fake.bridge);
    const seen: string[] = [];
    const offA = shared.onChatEvents((batch) => seen.push(`a:${batch.messageId}`));
    const offB = shared.onChatEvents((batch) => seen.push(`b:${batch.messageId}`));
    expect(fake.chatListenerCount()).toBe(1);
    fake.emitChatEvents({
      streamId: crypto.randomUUID(),
      conversationId: 'c1',
      messageId: 'm1',
      events: [{ type: 'delta', content: 'x', reasoning: '' }],
    });
    expect(seen).toEqual(['a:m1', 'b:m1']);
    offA();
    expect(fake.chatListenerCount()).toBe(1);
    offB();
    expect(fake.chatListenerCount()).toBe(0);
    // Every other method is the bridge's own.
    expect((await shared.getAppInfo()).ok).toBe(true);
    expect(fake.callsTo('getAppInfo')).toHaveLength(1);
  });
});
