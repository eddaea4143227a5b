export { createOpenRouterClient } from './client';
export type { OpenRouterClient, OpenRouterClientOptions, StreamChatOptions } from './options';
export { ChatStreamFailure } from './stream-failure';
