import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';

afterEach(() => cleanup());

// jsdom has no layout and no Element.scrollBy; the virtualized list calls it when it keeps its place
// after older messages are prepended.
if (!Element.prototype.scrollBy) {
  Element.prototype.scrollBy = function scrollBy() {};
}

// The message views, Compare and Spending are chunks of their own (renderer/src/lazy), loaded at
// start-up in the app; here before each file's tests, so a render shows them at once, as before.
beforeAll(async () => {
  const views = await import('../lazy/deferred-views');
  // Each language's catalog is a chunk too (shared/i18n/catalog-loader.ts): all loaded, so a test's
  // language switch shows at once, as before.
  const { loadCatalog } = await import('../../shared/i18n/catalog-loader');
  const { APP_LOCALES } = await import('../../../common/i18n/locales');
  await Promise.all([
    ...APP_LOCALES.map((locale) => loadCatalog(locale)),
    views.AssistantMessageView.preload(),
    views.UserMessageView.preload(),
    views.CompareViewView.preload(),
    views.SpendingDialogView.preload(),
  ]);
});
