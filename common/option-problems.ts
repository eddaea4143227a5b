import { z } from 'zod';

/**
 * Something wrong in a stored setting or a conversation's stored options: which field, and a message
 * a person understands that says where to fix it. The value is not sent (its default is used).
 */
export const OptionProblemSchema = z.object({ field: z.string().max(200), message: z.string().max(1000) });
export type OptionProblem = z.infer<typeof OptionProblemSchema>;
