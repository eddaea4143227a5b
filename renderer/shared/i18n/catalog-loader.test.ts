import { describe, expect, it } from 'vitest';
import { messagesFor as allCatalogs } from '../../../common/i18n/catalogs';
import { APP_LOCALES, PSEUDO_LOCALE } from '../../../common/i18n/locales';
import { isCatalogLoaded, loadCatalog, messagesFor } from './catalog-loader';

// The test setup (renderer/src/testing/setup.ts) loads every language before each file's tests; these
// check what the window's loader gives against the catalogs main uses (every language bundled).
describe("the window's catalogs, one chunk per language", () => {
  it.each(APP_LOCALES)('%s: the same messages as the catalogs main bundles', async (locale) => {
    await loadCatalog(locale);
    expect(isCatalogLoaded(locale)).toBe(true);
    expect(messagesFor(locale)).toEqual(allCatalogs(locale));
  });

  it('the pseudo-locale is made from English, with nothing to load', async () => {
    expect(isCatalogLoaded(PSEUDO_LOCALE)).toBe(true);
    await loadCatalog(PSEUDO_LOCALE);
    expect(messagesFor(PSEUDO_LOCALE)).toEqual(allCatalogs(PSEUDO_LOCALE));
  });
});
