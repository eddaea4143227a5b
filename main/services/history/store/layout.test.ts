import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationIdSchema } from '../../../../common/conversation-types';
import { atomicWriteTarget, CONVERSATION_ID, conversationIdFromFileName } from './layout';

describe('layout names', () => {
  it('accepts exactly the ids ConversationIdSchema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,70}$/)), (id) => {
        expect(CONVERSATION_ID.test(id)).toBe(ConversationIdSchema.safeParse(id).success);
      }),
    );
  });

  it('maps file names to ids and recognises leftover temporary files', () => {
    expect(conversationIdFromFileName('abc_D-1.json')).toBe('abc_D-1');
    expect(conversationIdFromFileName('abc.json.123')).toBeNull();
    expect(conversationIdFromFileName('../x.json')).toBeNull();
    expect(conversationIdFromFileName('notes.txt')).toBeNull();
    expect(atomicWriteTarget('abc.json.4023948')).toBe('abc.json');
    expect(atomicWriteTarget('abc.json')).toBeNull();
    expect(atomicWriteTarget('abc.json.tmp')).toBeNull();
  });
});
