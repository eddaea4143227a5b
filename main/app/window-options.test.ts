import { describe, expect, it } from 'vitest';
import { chatWindowOptions, hardenedWebPreferences, keyEntryWindowOptions } from './window-options';

describe('window hardening', () => {
  // Every factory's preferences are asserted key by key in main/security/hardening.test.ts.
  it('gives the chat window its preload and nothing weaker', () => {
    const opts = chatWindowOptions('/app/preload/chat.cjs');
    expect(opts.webPreferences).toEqual(hardenedWebPreferences('/app/preload/chat.cjs'));
  });

  it('gives the key-entry window the same hardening, modal', () => {
    const opts = keyEntryWindowOptions('/app/preload/key-entry.cjs');
    expect(opts.modal).toBe(true);
    expect(opts.webPreferences).toEqual(hardenedWebPreferences('/app/preload/key-entry.cjs'));
  });
});
