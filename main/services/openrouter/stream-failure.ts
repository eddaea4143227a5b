import { type AppError, AppFailure } from '../../../common/errors';

/** A failed stream: the AppError plus the text that did arrive, which is never thrown away. */
export class ChatStreamFailure extends AppFailure {
  readonly partialContent: string;
  readonly partialReasoning: string;
  /**
   * The generation's id when OpenRouter gave one (chunk `id` or `X-Generation-Id`): a cancelled or cut
   * reply's final usage can be asked for with it (`OpenRouterClient.fetchGeneration`).
   */
  readonly generationId: string | null;

  constructor(
    error: AppError,
    partialContent: string,
    partialReasoning: string,
    generationId: string | null = null,
  ) {
    super(error);
    this.name = 'ChatStreamFailure';
    this.partialContent = partialContent;
    this.partialReasoning = partialReasoning;
    this.generationId = generationId;
  }
}
