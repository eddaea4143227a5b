export { createOpenRouterClient } from './client';
export type { GenerationInfo } from './generation';
export type { OpenRouterClient, OpenRouterClientOptions, StreamChatOptions } from './options';
export type { ReceivedImage, ReplyData } from './reply-data';
export { ChatStreamFailure } from './stream-failure';
