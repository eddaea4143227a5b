import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * Web preferences every Switchboard window gets. A pure function so tests can assert the hardening
 * without an Electron binary; the glue passes the result to `new BrowserWindow` unchanged.
 */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    spellcheck: true,
    safeDialogs: true,
  };
}

export function chatWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    show: false,
    // The product's name, the same in every language (docs/i18n.md: product names stay as they are);
    // the page's <title> says the same (renderer/index.html), so the title never changes language.
    title: 'Switchboard', // i18n-ignore: the product name, not translated
    backgroundColor: '#111318',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/**
 * The key-entry window: small, modal, not resizable; its title in the interface's language (`title`:
 * main's `keyEntry.title`, the words its page shows as its heading and `document.title`); the same
 * hardened preferences, and no spellchecker. Its only text field is the key: with `spellcheck: false` Electron's renderer creates no
 * SpellCheckProvider for the window's frames (shell/renderer/renderer_client_base.cc,
 * RenderFrameCreated), so the typed key never goes to Hunspell or to the OS spellchecker (on macOS
 * that is NSSpellChecker in the browser process and the system spelling service), even if the page's
 * own `spellcheck` attribute were lost.
 */
export function keyEntryWindowOptions(preloadPath: string, title: string): BrowserWindowConstructorOptions {
  return {
    // The page's own size (`useContentSize`, docs/api/structures/base-window-options.md), tall enough for
    // German's longer lines with a validation message showing (e2e/harness-specs/i18n.spec.ts checks
    // the page needs no scrolling at this size in German, Chinese and the pseudo-locale).
    width: 480,
    height: 500,
    useContentSize: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    modal: true,
    show: false,
    title,
    backgroundColor: '#111318',
    webPreferences: { ...hardenedWebPreferences(preloadPath), spellcheck: false },
  };
}
