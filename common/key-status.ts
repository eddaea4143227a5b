import { z } from 'zod';
import { ErrorDescriptorSchema } from './errors';

/** How a key got into Switchboard; shown in settings so the person recognises it. */
export const KeySourceSchema = z.enum(['typed', 'clipboard', 'oauth', 'env']);
export type KeySource = z.infer<typeof KeySourceSchema>;

/**
 * What the renderer may know about the key: never the key itself.
 * `preview` is a masked form such as `sk-or-v1-…3f2a` (see common/redact.ts `maskKey`).
 */
export const KeyStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('none'),
    /** OS encryption backend, e.g. `keychain`, `dpapi`, `gnome_libsecret`, `basic_text`. */
    backend: z.string(),
    /** True when persisting would only be obfuscated (Linux `basic_text`): the UI must warn first. */
    persistenceIsWeak: z.boolean(),
  }),
  z.object({
    state: z.literal('stored'),
    preview: z.string(),
    source: KeySourceSchema,
    storedAt: z.string(), // ISO 8601
    backend: z.string(),
  }),
  z.object({
    state: z.literal('session-only'),
    preview: z.string(),
    source: KeySourceSchema,
    since: z.string(),
    backend: z.string(),
    persistenceIsWeak: z.boolean(),
  }),
  z.object({
    state: z.literal('unavailable'),
    /** Why OS encryption cannot be used, in plain English words (logs, and an older window). */
    reason: z.string(),
    /** The same reason as a catalog message (errors.key.*), worded by each window in its language. */
    reasonMessage: ErrorDescriptorSchema.optional(),
    backend: z.string(),
  }),
  z.object({
    /**
     * A key is stored, but it was verified against (and is bound to) `keyOrigin`, while this launch
     * points main at `launchOrigin` (`--openrouter-base-url` or the environment). Main does not send
     * it there unless the person agrees in a main-process dialog: chat is paused until they do, add
     * a key for `launchOrigin`, or relaunch without the override.
     */
    state: z.literal('origin-mismatch'),
    preview: z.string(),
    source: KeySourceSchema,
    storedAt: z.string(), // ISO 8601
    backend: z.string(),
    /** e.g. `https://openrouter.ai`: where the key was verified. */
    keyOrigin: z.string(),
    /** e.g. `https://proxy.example`: where this launch would send it. */
    launchOrigin: z.string(),
  }),
  z.object({
    state: z.literal('unreadable'),
    /** The stored ciphertext no longer decrypts (keyring changed, profile moved): sign in again. */
    reason: z.string(),
    /** The same reason as a catalog message (errors.key.*), worded by each window in its language. */
    reasonMessage: ErrorDescriptorSchema.optional(),
    backend: z.string(),
  }),
]);
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

/** How the person chose to keep a key they just entered. */
export const PersistenceSchema = z.enum(['encrypted', 'session']);
export type Persistence = z.infer<typeof PersistenceSchema>;

/** GET /key, trimmed to what settings show. Amounts are USD; null limit means unlimited. */
export const KeyInfoSchema = z.object({
  label: z.string(),
  usage: z.number(),
  limit: z.number().nullable(),
  limitRemaining: z.number().nullable(),
  isFreeTier: z.boolean(),
  /** When the limit starts again: `daily`, `weekly`, `monthly`; null when it never resets. */
  limitReset: z.string().nullable().optional(),
  /** ISO 8601 time the key stops working; null when it does not expire. */
  expiresAt: z.string().nullable().optional(),
  usageDaily: z.number().optional(),
  usageWeekly: z.number().optional(),
  usageMonthly: z.number().optional(),
  /** What requests on the person's own provider keys (BYOK) cost upstream, USD. */
  byokUsage: z.number().optional(),
  byokUsageDaily: z.number().optional(),
  byokUsageWeekly: z.number().optional(),
  byokUsageMonthly: z.number().optional(),
  /** BYOK usage counts towards this key's limit. */
  includeByokInLimit: z.boolean().optional(),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;
