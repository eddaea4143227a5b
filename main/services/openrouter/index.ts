export { createOpenRouterClient } from './client';
export type { ModelEndpoint, ModelEndpoints } from './endpoints';
export type { GenerationInfo } from './generation';
export type { OpenRouterClient, OpenRouterClientOptions, StreamChatOptions } from './options';
export type { ProviderInfo } from './providers';
export type { ReplyData } from './reply-data';
export { ChatStreamFailure } from './stream-failure';
