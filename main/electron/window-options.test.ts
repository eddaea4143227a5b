import { describe, expect, it } from 'vitest';
import { chatWindowOptions, hardenedWebPreferences, keyEntryWindowOptions } from './window-options';

describe('window hardening', () => {
  // Every factory's preferences are asserted key by key in main/security-tests/hardening.test.ts.
  it('gives the chat window its preload and nothing weaker', () => {
    const opts = chatWindowOptions('/app/preload/chat.cjs');
    expect(opts.webPreferences).toEqual(hardenedWebPreferences('/app/preload/chat.cjs'));
  });

  it('titles the key-entry window with the words main gives it (the interface language), the chat window with the product name', () => {
    expect(keyEntryWindowOptions('/p.cjs', 'Geben Sie Ihren OpenRouter-Schlüssel ein').title).toBe(
      'Geben Sie Ihren OpenRouter-Schlüssel ein',
    );
    expect(chatWindowOptions('/p.cjs').title).toBe('Switchboard');
  });

  it('gives the key-entry window the same hardening, modal', () => {
    const opts = keyEntryWindowOptions('/app/preload/key-entry.cjs', 'Title');
    expect(opts.modal).toBe(true);
    expect(opts.webPreferences).toEqual({
      ...hardenedWebPreferences('/app/preload/key-entry.cjs'),
      spellcheck: false,
    });
  });

  // The chat composer keeps the spellchecker; the key-entry window has one field, the key. With the
  // preference off Electron's renderer never creates a SpellCheckProvider for its frames
  // (shell/renderer/renderer_client_base.cc, RenderFrameCreated), so nothing typed there reaches
  // Hunspell or the OS spellchecker (macOS: NSSpellChecker in the browser process and the system's
  // spelling service), whatever the page's own `spellcheck` attribute says.
  it('turns the spellchecker off in the key-entry window only', () => {
    expect(keyEntryWindowOptions('/app/preload/key-entry.cjs', 'Title').webPreferences?.spellcheck).toBe(
      false,
    );
    expect(chatWindowOptions('/app/preload/chat.cjs').webPreferences?.spellcheck).toBe(true);
  });
});
