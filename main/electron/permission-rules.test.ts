import { describe, expect, it } from 'vitest';
import { CLIPBOARD_WRITE_PERMISSION, mayGrantPermission, type PermissionAsk } from './permission-rules';

const chatCopy: PermissionAsk = {
  permission: 'clipboard-sanitized-write',
  windowKind: 'chat',
  isMainFrame: true,
  // Chromium passes the requesting origin as a URL (`app://switchboard/`, with the slash).
  requestingOrigin: 'app://switchboard/',
  requestingUrl: 'app://switchboard/index.html',
};

describe('mayGrantPermission', () => {
  it('grants clipboard-sanitized-write (navigator.clipboard.writeText) to our chat main frame', () => {
    expect(CLIPBOARD_WRITE_PERMISSION).toBe('clipboard-sanitized-write');
    expect(mayGrantPermission(chatCopy)).toBe(true);
    // The request handler knows the URL only; the check handler may lack the URL.
    expect(mayGrantPermission({ ...chatCopy, requestingOrigin: null })).toBe(true);
    expect(mayGrantPermission({ ...chatCopy, requestingUrl: null })).toBe(true);
  });

  it('denies every other permission, even to the chat main frame', () => {
    for (const permission of [
      'clipboard-read',
      'deprecated-sync-clipboard-read',
      'clipboard-write',
      'media',
      'notifications',
      'openExternal',
      'fullscreen',
      'unknown',
      'Clipboard-Sanitized-Write',
    ]) {
      expect(mayGrantPermission({ ...chatCopy, permission }), permission).toBe(false);
    }
  });

  it('denies the key-entry window, contents we did not create, iframes and other origins', () => {
    const denied: Array<[string, PermissionAsk]> = [
      [
        'the key-entry window',
        {
          ...chatCopy,
          windowKind: 'key-entry',
          requestingOrigin: 'app://switchboard-key/',
          requestingUrl: 'app://switchboard-key/key-entry.html',
        },
      ],
      ['a web contents that is no window of ours', { ...chatCopy, windowKind: null }],
      ['an iframe of the chat page', { ...chatCopy, isMainFrame: false }],
      [
        'a foreign origin in the chat window',
        { ...chatCopy, requestingOrigin: 'https://evil.example/', requestingUrl: 'https://evil.example/' },
      ],
      ['a foreign requesting URL', { ...chatCopy, requestingUrl: 'https://evil.example/' }],
      ['a foreign requesting origin', { ...chatCopy, requestingOrigin: 'app://switchboard-key/' }],
      ['a look-alike host', { ...chatCopy, requestingOrigin: 'app://switchboard.evil/' }],
      ['no origin at all', { ...chatCopy, requestingOrigin: null, requestingUrl: null }],
      ['an unparsable origin', { ...chatCopy, requestingOrigin: 'null', requestingUrl: null }],
    ];
    for (const [why, ask] of denied) expect(mayGrantPermission(ask), why).toBe(false);
  });
});
