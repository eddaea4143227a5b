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
    title: 'Switchboard',
    backgroundColor: '#111318',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}

/**
 * The key-entry window: small, modal, not resizable; the same hardened preferences, and no
 * spellchecker. Its only text field is the key: with `spellcheck: false` Electron's renderer creates no
 * SpellCheckProvider for the window's frames (shell/renderer/renderer_client_base.cc,
 * RenderFrameCreated), so the typed key never goes to Hunspell or to the OS spellchecker (on macOS
 * that is NSSpellChecker in the browser process and the system spelling service), even if the page's
 * own `spellcheck` attribute were lost.
 */
export function keyEntryWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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
    title: 'Enter your OpenRouter key',
    backgroundColor: '#111318',
    webPreferences: { ...hardenedWebPreferences(preloadPath), spellcheck: false },
  };
}
