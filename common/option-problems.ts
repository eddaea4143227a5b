import { z } from 'zod';
import { FlatErrorValuesSchema } from './errors';

/**
 * Something wrong in a stored setting or a conversation's stored options: which field, and a message
 * a person understands that says where to fix it. The value is not sent (its default is used).
 *
 * Like an AppError's (issue 20), the words are a catalog message: `messageId` (an `errors.settings.*`
 * id) and `values`, shown in each window's language through the one error formatter
 * (`renderer/shared/i18n/error-text.tsx`); `message` is the English text, for the logs and as the
 * fallback.
 */
export const OptionProblemSchema = z.object({
  field: z.string().max(200),
  message: z.string().max(1000),
  messageId: z
    .string()
    .regex(/^errors\.settings\.[A-Za-z0-9_.]{1,100}$/)
    .optional(),
  /**
   * Plain strings and numbers only: a problem is itself a message that nests inside another (the
   * routing refusal's `problem`), and nesting is one level deep (common/errors.ts).
   */
  values: FlatErrorValuesSchema.optional(),
});
export type OptionProblem = z.infer<typeof OptionProblemSchema>;
