import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnyConversationFile, serializeConversationFile } from '../store/conversation-file';
import { messageFromText, titleFromText } from './snippet-source';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

function fixtureFiles(): string[] {
  return readdirSync(fixtures).flatMap((version) =>
    readdirSync(join(fixtures, version))
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(fixtures, version, name)),
  );
}

describe('snippet sources read without parsing the whole file', () => {
  it('give the same title and messages as JSON.parse, for every golden file', () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(3);
    let checked = 0;
    let messages = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      let file: { conversation?: { id?: string; title?: string }; messages?: Array<Record<string, unknown>> };
      try {
        file = JSON.parse(text);
      } catch {
        continue; // damaged on purpose
      }
      if (!file.conversation?.id || !Array.isArray(file.messages)) continue;
      const title = titleFromText(text, file.conversation.id);
      if (title !== null) expect(title, path).toBe(file.conversation.title);
      for (const message of file.messages) {
        const found = messageFromText(text, message.id as string);
        // Either the same message, or null (then the caller parses the whole file).
        messages++;
        if (found !== null) expect(found, `${path} ${String(message.id)}`).toEqual(message);
        if (found !== null) checked++;
      }
    }
    // The golden files are written by serializeConversationFile: every message is found directly.
    expect(checked).toBe(messages);
  });

  it('is not fooled by message text that looks like JSON, and finds each message of a tree', () => {
    const tricky = 'see {"id": "u2", "content": "fake"} and \\"id\\": \\"u2\\" } { "id": "u2" and a } brace';
    const file: AnyConversationFile = {
      formatVersion: 3,
      conversation: {
        id: 'c1',
        title: 'A "quoted" {title}',
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
        model: null,
      },
      messages: ['u1', 'u2', 'a1'].map((id, i) => ({
        id,
        parentId: i === 0 ? null : 'u1',
        role: id.startsWith('u') ? ('user' as const) : ('assistant' as const),
        content: id === 'u1' ? tricky : `message ${id} {"id": "u1"}`,
        reasoning: '',
        createdAt: '2025-01-01T00:00:00.000Z',
        model: null,
        status: 'complete' as const,
        error: null,
        usage: null,
        finishReason: null,
        generationId: null,
        ...(id === 'u2'
          ? {
              attachments: [
                {
                  sha256: 'a'.repeat(64),
                  name: 'r.pdf',
                  kind: 'pdf',
                  mimeType: 'application/pdf',
                  byteLength: 3,
                },
              ],
            }
          : {}),
      })),
      activeLeafId: 'a1',
    };
    const text = serializeConversationFile(file);
    expect(titleFromText(text, 'c1')).toBe('A "quoted" {title}');
    expect(titleFromText(text, 'other')).toBeNull();
    for (const message of file.messages) expect(messageFromText(text, message.id)).toEqual(message);
    expect(messageFromText(text, 'missing')).toBeNull();
    // A file that is not one of ours: null, so the caller parses it whole.
    expect(messageFromText(JSON.stringify(file), 'u1')).toBeNull();
  });
});
