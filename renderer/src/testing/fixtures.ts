import type { ModelSummary } from '../../../common/chat-types';
import type { ConversationSummary, Message } from '../../../common/conversation-types';
import type { KeyStatus } from '../../../common/key-status';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';

/** Test data builders: complete, valid objects with only the interesting fields overridden. */

const T0 = Date.parse('2025-01-01T10:00:00.000Z');

export function isoAt(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

export function makeMessage(partial: Partial<Message> & Pick<Message, 'id' | 'role'>): Message {
  return {
    content: '',
    reasoning: '',
    createdAt: isoAt(0),
    model: partial.role === 'assistant' ? 'openai/gpt-4o' : null,
    status: 'complete',
    error: null,
    usage: null,
    finishReason: null,
    generationId: null,
    ...partial,
  };
}

export function makeConversation(partial: Partial<ConversationSummary> & Pick<ConversationSummary, 'id'>) {
  const summary: ConversationSummary = {
    title: `Conversation ${partial.id}`,
    createdAt: isoAt(0),
    updatedAt: isoAt(0),
    messageCount: 0,
    model: 'openai/gpt-4o',
    ...partial,
  };
  return summary;
}

export function makeModel(partial: Partial<ModelSummary> & Pick<ModelSummary, 'id' | 'name'>): ModelSummary {
  return {
    contextLength: 128_000,
    promptPricePerMTok: 3,
    completionPricePerMTok: 15,
    inputModalities: ['text'],
    outputModalities: ['text'],
    supportedParameters: [],
    isFree: false,
    ...partial,
  };
}

export const STANDARD_MODELS: readonly ModelSummary[] = [
  makeModel({ id: 'openai/gpt-4o', name: 'GPT-4o', inputModalities: ['text', 'image', 'file'] }),
  makeModel({
    id: 'anthropic/claude-sonnet-4',
    name: 'Claude Sonnet 4',
    contextLength: 200_000,
    inputModalities: ['text', 'image'],
  }),
  makeModel({
    id: 'meta-llama/llama-3.3-70b-instruct:free',
    name: 'Llama 3.3 70B (free)',
    contextLength: 131_072,
    promptPricePerMTok: 0,
    completionPricePerMTok: 0,
    isFree: true,
  }),
  makeModel({
    id: 'google/gemini-2.5-flash',
    name: 'Gemini 2.5 Flash',
    contextLength: 1_048_576,
    promptPricePerMTok: 0.3,
    completionPricePerMTok: 2.5,
    inputModalities: ['text', 'image', 'file', 'audio'],
  }),
];

export function makeSettings(partial: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, defaultModel: 'openai/gpt-4o', ...partial };
}

export const STORED_KEY: KeyStatus = {
  state: 'stored',
  preview: 'sk-or-v1-…3f2a',
  source: 'typed',
  storedAt: isoAt(0),
  backend: 'keychain',
};

export const NO_KEY: KeyStatus = { state: 'none', backend: 'keychain', persistenceIsWeak: false };
