import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { catalogIntl, type MainText, mainText } from '../../i18n/catalog-intl';
import { createManualClock, makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { formatSize } from './export-markdown';

/**
 * Issue 20: a Markdown export is a file for the person to read, so its own words (speakers, headings,
 * notes) are in the interface language at the time of the export; what was written, titles, file names
 * and dates go in as they are. English stays exactly as before (export-import.test.ts checks it too).
 */
let cleanup: () => Promise<void>;
let store: HistoryStore;
/** What Settings → Language says, read at each export (as `services.locale.text()` does). */
let locale: DisplayLocale = 'en';
const text: MainText = mainText(() => catalogIntl(locale));

beforeEach(async () => {
  locale = 'en';
  const made = await makeTempDir();
  cleanup = made.cleanup;
  const clock = createManualClock();
  ({ store } = await openStore(made.dir, {
    idFactory: sequentialIds('m'),
    now: clock.now,
    scheduler: clock.scheduler,
    text,
  }));
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

async function seed() {
  const c = await store.create({ model: 'openai/gpt-4o', title: 'Trip' });
  await store.appendUserMessage(c.id, 'Plan it.');
  const reply = await store.beginReply(c.id, { model: 'openai/gpt-4o' });
  await store.finishReply(c.id, reply.id, {
    status: 'interrupted',
    content: 'Day one:',
    reasoning: 'Short.',
    model: 'openai/gpt-4o-2024',
    citations: [{ url: 'https://example.com/a', title: 'A', host: 'example.com' }],
  });
  return c;
}

const ENGLISH = [
  '# Trip',
  '',
  '_Created 2025-01-01T00:00:00.000Z. Last activity 2025-01-01T00:00:00.000Z._',
  '',
  '**You**',
  '',
  'Plan it.',
  '',
  '**Assistant (openai/gpt-4o-2024)**',
  '',
  '> **Reasoning**',
  '>',
  '> Short.',
  '',
  'Day one:',
  '',
  '**Sources**',
  '',
  '1. [A](https://example.com/a) (example.com)',
  '',
  '_This reply was interrupted; the text above is what had arrived._',
  '',
].join('\n');

describe('Markdown export in the interface language', () => {
  it('English: exactly the text it always was', async () => {
    const c = await seed();
    expect(await store.exportConversation(c.id, 'markdown')).toBe(ENGLISH);
  });

  it('German: German speakers, headings and notes; the conversation itself unchanged', async () => {
    const c = await seed();
    locale = 'de';
    expect(await store.exportConversation(c.id, 'markdown')).toBe(
      [
        '# Trip',
        '',
        '_Erstellt: 2025-01-01T00:00:00.000Z. Letzte Aktivität: 2025-01-01T00:00:00.000Z._',
        '',
        '**Sie**',
        '',
        'Plan it.',
        '',
        '**Assistent (openai/gpt-4o-2024)**',
        '',
        '> **Reasoning**',
        '>',
        '> Short.',
        '',
        'Day one:',
        '',
        '**Quellen**',
        '',
        '1. [A](https://example.com/a) (example.com)',
        '',
        '_Diese Antwort wurde unterbrochen; der Text oben ist das, was bis dahin angekommen war._',
        '',
      ].join('\n'),
    );
    // Read at each export: back to English, the next export is English again.
    locale = 'en';
    expect(await store.exportAll('markdown')).toBe(ENGLISH);
  });

  it('a failed reply’s reason is worded in the export’s language when it has a catalog message', async () => {
    const c = await store.create({ model: null, title: 'T' });
    const reply = await store.beginReply(c.id, { model: 'x/y' });
    await store.finishReply(c.id, reply.id, {
      status: 'error',
      content: '',
      error: {
        code: 'validation',
        message: 'A title cannot be empty.',
        messageId: 'errors.history.titleEmpty',
      },
    });
    expect(await store.exportConversation(c.id, 'markdown')).toContain(
      '_This reply failed: A title cannot be empty._',
    );
    locale = 'fr';
    expect(await store.exportConversation(c.id, 'markdown')).toContain(
      '_Cette réponse a échoué : Un titre ne peut pas être vide._',
    );
  });
});

describe('a conversation still called by the stored placeholder', () => {
  it('is titled in the export’s language; the stored title and a renamed one stay as they are', async () => {
    const c = await store.create({ model: null });
    expect(c.title).toBe('New conversation');
    expect(await store.exportConversation(c.id, 'markdown')).toMatch(/^# New conversation\n/);
    locale = 'de';
    expect(await store.exportConversation(c.id, 'markdown')).toMatch(/^# Neue Unterhaltung\n/);
    expect(await store.exportConversation(c.id, 'json')).toContain('"title": "New conversation"');
    await store.rename(c.id, 'Trip');
    expect(await store.exportConversation(c.id, 'markdown')).toMatch(/^# Trip\n/);
  });
});

describe('sizes of attached files', () => {
  it('as before in English; the language’s decimal sign and units elsewhere', () => {
    const inLocale = (l: DisplayLocale) => mainText(() => catalogIntl(l));
    expect([formatSize(900), formatSize(1234), formatSize(5 * 1024 * 1024 * 1024)]).toEqual([
      '900 B',
      '1.2 KB',
      '5120.0 MB',
    ]);
    expect(formatSize(1234, inLocale('de'))).toBe('1,2 KB');
    expect(formatSize(1234, inLocale('fr'))).toBe('1,2 Ko');
  });
});
