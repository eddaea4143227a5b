import { describe, expect, it } from 'vitest';
import type { DisplayLocale, LocaleState } from '../../../common/i18n/locales';
import { createLocaleActions } from './locale-actions';

const state = (locale: DisplayLocale): LocaleState => ({ locale, setting: locale, pseudoAvailable: false });

/** Main's side: answers getLocale, and emits changes when told. */
function fakeMain(initial: LocaleState) {
  let listener: ((next: LocaleState) => void) | undefined;
  return {
    bridge: {
      getLocale: async () => ({ ok: true as const, value: initial }),
      onLocaleChanged: (fn: (next: LocaleState) => void) => {
        listener = fn;
        return () => {
          listener = undefined;
        };
      },
    },
    emit: (next: LocaleState) => listener?.(next),
  };
}

/** Catalog chunks that load when the test says so. */
function manualCatalogs(loadedAtStart: DisplayLocale[]) {
  const loaded = new Set<DisplayLocale>(loadedAtStart);
  const waiting = new Map<DisplayLocale, { resolve: () => void; reject: (e: Error) => void }>();
  return {
    catalogs: {
      isLoaded: (locale: DisplayLocale) => loaded.has(locale),
      load: (locale: DisplayLocale) =>
        new Promise<void>((resolve, reject) => {
          waiting.set(locale, {
            resolve: () => {
              loaded.add(locale);
              resolve();
            },
            reject,
          });
        }),
    },
    arrive: async (locale: DisplayLocale) => {
      waiting.get(locale)?.resolve();
      await Promise.resolve();
    },
    fail: async (locale: DisplayLocale) => {
      waiting.get(locale)?.reject(new Error('chunk failed'));
      await Promise.resolve();
    },
  };
}

describe('locale actions: a language is shown once its catalog has loaded', () => {
  it('a switch to a language whose chunk is loading keeps the current one until it arrives', async () => {
    const main = fakeMain(state('en'));
    const chunks = manualCatalogs(['en']);
    const actions = createLocaleActions({ bridge: main.bridge, catalogs: chunks.catalogs });
    actions.seed(state('en'));
    actions.listen();
    main.emit(state('de'));
    expect(actions.state.get()?.locale).toBe('en');
    await chunks.arrive('de');
    expect(actions.state.get()?.locale).toBe('de');
  });

  it('a loaded language switches at once', () => {
    const main = fakeMain(state('en'));
    const actions = createLocaleActions({
      bridge: main.bridge,
      catalogs: manualCatalogs(['en', 'ja']).catalogs,
    });
    actions.seed(state('en'));
    actions.listen();
    main.emit(state('ja'));
    expect(actions.state.get()?.locale).toBe('ja');
  });

  it('the last choice wins over an earlier one whose chunk arrives later', async () => {
    const main = fakeMain(state('en'));
    const chunks = manualCatalogs(['en']);
    const actions = createLocaleActions({ bridge: main.bridge, catalogs: chunks.catalogs });
    actions.seed(state('en'));
    actions.listen();
    main.emit(state('de'));
    main.emit(state('fr'));
    await chunks.arrive('fr');
    await chunks.arrive('de');
    expect(actions.state.get()?.locale).toBe('fr');
  });

  it('a chunk that cannot load still switches (English text rather than ignoring the choice)', async () => {
    const main = fakeMain(state('en'));
    const chunks = manualCatalogs(['en']);
    const actions = createLocaleActions({ bridge: main.bridge, catalogs: chunks.catalogs });
    actions.seed(state('en'));
    actions.listen();
    main.emit(state('es'));
    await chunks.fail('es');
    await Promise.resolve();
    expect(actions.state.get()?.locale).toBe('es');
  });
});
