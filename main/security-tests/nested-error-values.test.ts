import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppErrorSchema } from '../../common/errors';
import { defineContract, invoke } from '../../common/ipc/define';
import { DEFAULT_CONVERSATION_OPTIONS } from '../../common/request-options';
import { DEFAULT_SETTINGS } from '../../common/settings-types';
import { createHandlerTable } from '../ipc/handler-table';
import type { SenderInfo } from '../ipc/sender-policy';
import { resolveRequestOptions } from '../services/chat/request-options';
import { createKnownSecrets } from '../services/log/known-secrets';
import { sanitiseErrorsIn } from '../services/log/sanitise-errors';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { checkProviderPreferences } from '../services/settings/option-checks';

/**
 * The routing refusal carries the stored problem as a nested catalog message (issue 20), whose values
 * name what the person typed. Someone who pasted their key into settings.json's provider list must not
 * get it back in a window through that nested value: the IPC boundary redacts nested values exactly
 * like plain ones. (The IPC fuzz scans every answer's whole JSON for the key; this builds the one
 * answer that carries a stored value inside a nested message, which random payloads do not reach.)
 */
const KEY = `sk-or-v1-${'3c9a'.repeat(16)}`;
const ORIGIN = 'app://switchboard';
const window1: SenderInfo = { windowId: 1, isMainFrame: true, url: `${ORIGIN}/index.html` };

const contract = defineContract('t', {
  send: invoke(z.undefined(), z.object({})),
});

/** Does `text` hold the key's secret part, or any 16-character piece of it? */
function holdsKey(text: string): boolean {
  const secret = KEY.slice('sk-or-v1-'.length);
  for (let at = 0; at + 16 <= secret.length; at += 4)
    if (text.includes(secret.slice(at, at + 16))) return true;
  return false;
}

describe('a nested message value at the IPC boundary', () => {
  it('a key typed into the stored provider routing does not reach the window inside the refusal', async () => {
    const checked = checkProviderPreferences(
      { order: [KEY] },
      { field: 'providerDefaults', place: 'settings' },
    );
    if (checked.ok) throw new Error('expected a problem');
    const secrets = createKnownSecrets();
    secrets.add(KEY);
    const table = createHandlerTable({
      contract,
      policy: { origin: ORIGIN, isOurWindow: (id) => id === 1 },
      log: createMemoryLogger(),
      sendEvent: () => {},
      handlers: {
        send: async () => {
          await resolveRequestOptions({
            conversationId: 'c1',
            model: 'openai/o3',
            webSearch: false,
            settings: DEFAULT_SETTINGS,
            conversation: DEFAULT_CONVERSATION_OPTIONS,
            storedProblems: checked.problems,
            modelInfo: async () => null,
            knownProviders: null,
            log: createMemoryLogger(),
          });
          return {};
        },
      },
      sanitiseErrors: (value) => sanitiseErrorsIn(value, secrets.redact),
      writeLimits: { writingCalls: { send: true } },
    });

    const result = await table.dispatch('t:send', window1, undefined);
    if (result.ok) throw new Error('expected the refusal');
    // The refusal itself, with its nested problem: not an internal error standing in for it.
    expect(AppErrorSchema.parse(result.error)).toMatchObject({
      code: 'validation',
      messageId: 'errors.chat.routingUnusable',
      values: { problem: { messageId: 'errors.settings.providers.badSlug' } },
    });
    expect(JSON.stringify(result.error.values)).toContain('[REDACTED]');
    expect(holdsKey(JSON.stringify(result))).toBe(false);
  });
});
