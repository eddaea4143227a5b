import type { z } from 'zod';
import {
  type ConversationFile,
  ConversationFileV1Schema,
  type ConversationFileV2,
  ConversationFileV2Schema,
  type ConversationFileV3,
  CURRENT_FORMAT_VERSION,
  CurrentConversationFileSchema,
} from './conversation-file';
import type { UnusableWhy } from './quarantine-reasons';

/**
 * Reading any format version this build knows, by upgrading step by step to the current one.
 *
 * Adding version N + 1 is one function: define `ConversationFileV<N+1>Schema`, make it current in
 * conversation-file.ts, add `N: upgradeStep(ConversationFileV<N>Schema, (vN) => ({ …the new shape }))` to
 * `conversationFormats.upgrades` (as 1 → 2 below), and commit fixtures under history/fixtures/v<N+1>/. Files are upgraded
 * in memory only; the file on disk is rewritten in the current format the next time the conversation
 * changes, so merely opening history with a new build never rewrites old files.
 */

/** Lifts a document of version N to version N + 1; throws FormatError when the input is not valid N. */
export type UpgradeStep = (doc: unknown) => unknown;

export interface FormatRegistry<T> {
  current: number;
  currentSchema: z.ZodType<T>;
  /** Keyed by the version the step reads. */
  upgrades: Readonly<Record<number, UpgradeStep>>;
}

export class FormatError extends Error {
  override name = 'FormatError';
}

export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${parts.join('; ')}${more}`;
}

/** Validates with the schema of the version it reads, so each step gets exactly the shape it expects. */
export function upgradeStep<S extends z.ZodType>(schema: S, up: (doc: z.output<S>) => unknown): UpgradeStep {
  return (doc) => {
    const parsed = schema.safeParse(doc);
    if (!parsed.success) throw new FormatError(describeIssues(parsed.error));
    return up(parsed.data);
  };
}

export type DecodeResult<T> =
  | { kind: 'ok'; value: T; fromVersion: number }
  | { kind: 'newer'; version: number }
  /** `reason` in English (logs, tests); `why` the same as `errors.history.fileUnusable`'s values. */
  | { kind: 'invalid'; reason: string; why: UnusableWhy };

export function decodeVersioned<T>(raw: unknown, registry: FormatRegistry<T>): DecodeResult<T> {
  const version =
    typeof raw === 'object' && raw !== null ? (raw as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: 'it has no valid "formatVersion"', why: { why: 'noVersion' } };
  }
  if (version > registry.current) return { kind: 'newer', version };
  let doc = raw;
  try {
    for (let v = version; v < registry.current; v++) {
      const step = registry.upgrades[v];
      if (!step)
        return {
          kind: 'invalid',
          reason: `no upgrade from format version ${v} is known`,
          why: { why: 'noUpgrade', version: v },
        };
      doc = step(doc);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      kind: 'invalid',
      reason: `it is not a valid format ${version} file: ${detail}`,
      why: { why: 'invalidFormat', version, detail },
    };
  }
  const parsed = registry.currentSchema.safeParse(doc);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error);
    return {
      kind: 'invalid',
      reason: `it is not a valid format ${version} file: ${detail}`,
      why: { why: 'invalidFormat', version, detail },
    };
  }
  return { kind: 'ok', value: parsed.data, fromVersion: version };
}

export const conversationFormats: FormatRegistry<ConversationFile> = {
  current: CURRENT_FORMAT_VERSION,
  currentSchema: CurrentConversationFileSchema,
  upgrades: {
    // 1 → 2 (issue 17): version 2 only adds optional fields (attachments, reply images' sha256, file
    // annotations), so a version-1 file means the same thing as version 2; only the number changes.
    1: upgradeStep(ConversationFileV1Schema, (v1): ConversationFileV2 => ({ ...v1, formatVersion: 2 })),
    // 2 → 3 (issue 18): a conversation becomes a tree. A version-2 conversation is one branch: each
    // message follows the one before it, and the last one is the leaf shown.
    2: upgradeStep(
      ConversationFileV2Schema,
      (v2): ConversationFileV3 => ({
        ...v2,
        formatVersion: 3,
        messages: v2.messages.map((m, i) => ({
          parentId: i === 0 ? null : (v2.messages[i - 1]?.id ?? null),
          ...m,
        })),
        activeLeafId: v2.messages.at(-1)?.id ?? null,
      }),
    ),
  },
};

/** Decodes the text of `conversations/<expectedId>.json`. Never throws. */
export function decodeConversationText(text: string, expectedId: string): DecodeResult<ConversationFile> {
  if (text.trim() === '') return { kind: 'invalid', reason: 'the file is empty', why: { why: 'empty' } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', reason: `it is not valid JSON (${detail})`, why: { why: 'notJson', detail } };
  }
  const result = decodeVersioned(raw, conversationFormats);
  if (result.kind === 'ok' && result.value.conversation.id !== expectedId) {
    return {
      kind: 'invalid',
      reason: `it describes conversation "${result.value.conversation.id}" but is named "${expectedId}.json"`,
      why: { why: 'wrongId', describedId: result.value.conversation.id, fileId: expectedId },
    };
  }
  return result;
}
