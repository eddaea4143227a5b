import { type AppError, AppFailure } from '../../../common/errors';

/** A failed stream: the AppError plus the text that did arrive, which is never thrown away. */
export class ChatStreamFailure extends AppFailure {
  readonly partialContent: string;
  readonly partialReasoning: string;

  constructor(error: AppError, partialContent: string, partialReasoning: string) {
    super(error);
    this.name = 'ChatStreamFailure';
    this.partialContent = partialContent;
    this.partialReasoning = partialReasoning;
  }
}
