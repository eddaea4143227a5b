import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppError, AppErrorSchema, AppFailure } from '../../../common/errors';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { catalogIntl } from '../i18n/catalog-intl';
import { storageFailure } from './store/storage-errors';
import { makeTempDir, openStore, sequentialIds } from './testing/test-support';
import { checkImport } from './transfer/import-json';
import type { HistoryStore } from './types';

/**
 * Issue 20: the history's errors carry a catalog message (`messageId` + `values`), so each window shows
 * them in its own language; `message` stays the English text, as the logs and older tests read it.
 */
const german = catalogIntl('de');
const inGerman = (error: AppError) => {
  expect(error.messageId, 'the error has a catalog message').toBeDefined();
  return formatWithNestedMessages(german, error.messageId as string, error.values);
};
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(AppFailure);
  return (thrown as AppFailure).error;
}

let dir: string;
let cleanup: () => Promise<void>;
let store: HistoryStore | null = null;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  await store?.close();
  store = null;
  await cleanup();
});

describe('history errors in the interface language', () => {
  it('an empty title: English message as before, German from the catalog', async () => {
    ({ store } = await openStore(dir, { idFactory: sequentialIds('c') }));
    const c = await store.create({ model: null });
    const error = await failureOf(store.rename(c.id, '   '));
    expect(error).toMatchObject({
      code: 'validation',
      message: 'A title cannot be empty.',
      messageId: 'errors.history.titleEmpty',
    });
    expect(inGerman(error)).toBe('Ein Titel darf nicht leer sein.');
  });

  it('a full disk names what was being saved, in German too', () => {
    const error = storageFailure(
      Object.assign(new Error('no space'), { code: 'ENOSPC' }),
      'saveMessage',
      '/h',
    ).error;
    expect(error.message).toBe(
      'Switchboard could not save your message because the disk is full. Free some disk space and try again; everything saved before is still there.',
    );
    expect(error.messageId).toBe('errors.history.storageDiskFull');
    expect(inGerman(error)).toBe(
      'Switchboard konnte Ihre Nachricht nicht speichern, weil der Datenträger voll ist. Geben Sie Speicherplatz frei und versuchen Sie es erneut; alles bisher Gespeicherte ist weiterhin vorhanden.',
    );
  });

  it('an unknown failure keeps its English wording, code and path', () => {
    const plain = storageFailure(new Error('odd'), 'openYourHistory', '/data/history').error;
    expect(plain.message).toBe(
      'Switchboard could not open your history (unknown error at /data/history). Try again; if it keeps happening, check the disk.',
    );
    const coded = storageFailure(
      Object.assign(new Error('io'), { code: 'EIO' }),
      'saveReplyFigures',
      '/x',
    ).error;
    expect(coded.message).toBe(
      "Switchboard could not save the reply's final figures (EIO at /x). Try again; if it keeps happening, check the disk.",
    );
    expect(inGerman(coded)).toContain('(EIO bei /x)');
  });

  it('a file that is not an export: the import error is a catalog message', () => {
    let thrown: unknown;
    try {
      checkImport('{ not json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppFailure);
    const error = (thrown as AppFailure).error;
    expect(error.message).toBe(
      'That file is not valid JSON, so nothing was imported. Choose a file exported by Switchboard.',
    );
    expect(inGerman(error)).toBe(
      'Diese Datei ist kein gültiges JSON, daher wurde nichts importiert. Wählen Sie eine von Switchboard exportierte Datei.',
    );
  });
});

describe('values the bridge takes', () => {
  it('a path longer than an error value may be is cut, so the error still crosses the bridge', () => {
    const long = `/${'a'.repeat(5000)}`;
    const error = storageFailure(Object.assign(new Error('ro'), { code: 'EROFS' }), 'saveReply', long).error;
    expect(AppErrorSchema.safeParse(error).success).toBe(true);
    expect(String(error.values?.path)).toHaveLength(4000);
    expect(error.message).toContain(`${'a'.repeat(100)}…, so it could not save the reply.`);
  });
});
