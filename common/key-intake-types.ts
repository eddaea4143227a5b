import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { KeyInfoSchema, KeyStatusSchema, PersistenceSchema } from './key-status';

/** How the person wants a key they are about to enter kept. Asked before the key exists. */
export const KeyChoiceSchema = z
  .object({ persistence: PersistenceSchema, allowWeakEncryption: z.boolean().optional() })
  .strict();
export type KeyChoice = z.infer<typeof KeyChoiceSchema>;

/** The result of storing a key: what settings shows, never the key. */
export const KeyStoredSchema = z.object({
  status: KeyStatusSchema,
  info: KeyInfoSchema.nullable(),
  /** False when OpenRouter could not be reached to check the key (it was kept anyway). */
  verified: z.boolean(),
});
export type KeyStored = z.infer<typeof KeyStoredSchema>;

export const SignInProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('waiting-for-browser') }),
  z.object({ phase: z.literal('exchanging') }),
  z.object({
    phase: z.literal('done'),
    status: KeyStatusSchema,
    info: KeyInfoSchema.nullable(),
    verified: z.boolean(),
  }),
  /** A key was already kept and the person chose, in main's dialog, to keep it: nothing was stored. */
  z.object({ phase: z.literal('kept') }),
  z.object({ phase: z.literal('failed'), error: AppErrorSchema }),
  z.object({ phase: z.literal('cancelled') }),
]);
export type SignInProgress = z.infer<typeof SignInProgressSchema>;

/** The typed key, sent by the key-entry window only (its own contract). */
export const TypedKeySubmissionSchema = z
  .object({
    key: z.string().max(4096),
    persistence: PersistenceSchema,
    allowWeakEncryption: z.boolean().optional(),
  })
  .strict();

export const TypedKeyResultSchema = z.discriminatedUnion('ok', [
  KeyStoredSchema.extend({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);
