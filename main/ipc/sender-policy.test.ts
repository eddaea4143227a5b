import { describe, expect, it } from 'vitest';
import { checkSender, originOf, type SenderInfo, type SenderPolicy } from './sender-policy';

const WINDOW = 7;
const chatPolicy: SenderPolicy = { origin: 'app://switchboard', isOurWindow: (id) => id === WINDOW };
const keyPolicy: SenderPolicy = {
  origin: 'app://switchboard-key',
  path: '/key-entry.html',
  isOurWindow: (id) => id === WINDOW,
};
const from = (url: string | null, overrides: Partial<SenderInfo> = {}): SenderInfo => ({
  windowId: WINDOW,
  isMainFrame: true,
  url,
  ...overrides,
});

describe('originOf', () => {
  it('builds scheme://host for custom schemes and keeps http(s) origins', () => {
    expect(originOf('app://switchboard/index.html')).toBe('app://switchboard');
    expect(originOf('app://switchboard-key/key-entry.html')).toBe('app://switchboard-key');
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
    expect(originOf('not a url')).toBeNull();
  });
});

describe('checkSender, origin only (the chat contract)', () => {
  it('allows any page of our origin in our main frame', () => {
    expect(checkSender(from('app://switchboard/index.html'), chatPolicy)).toEqual({ allowed: true });
    expect(checkSender(from('app://switchboard/'), chatPolicy)).toEqual({ allowed: true });
  });

  it.each([
    ['app://switchboard-key/key-entry.html', 'foreign origin'],
    ['app://switchboard.evil/index.html', 'foreign origin'],
    ['https://switchboard/index.html', 'foreign origin'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkSender(from(url), chatPolicy)).toEqual({ allowed: false, reason });
  });

  it('refuses other windows, iframes and unknown frames', () => {
    expect(checkSender(from('app://switchboard/index.html', { windowId: 8 }), chatPolicy)).toMatchObject({
      allowed: false,
    });
    expect(checkSender(from('app://switchboard/index.html', { windowId: null }), chatPolicy)).toMatchObject({
      allowed: false,
    });
    expect(
      checkSender(from('app://switchboard/index.html', { isMainFrame: false }), chatPolicy),
    ).toMatchObject({ allowed: false, reason: 'not the main frame' });
    expect(checkSender(from(null), chatPolicy)).toMatchObject({ allowed: false });
  });
});

describe('checkSender with an exact page (the key-entry contract)', () => {
  it('allows exactly that page at that origin (a fragment does not change the page)', () => {
    expect(checkSender(from('app://switchboard-key/key-entry.html'), keyPolicy)).toEqual({ allowed: true });
    expect(checkSender(from('app://switchboard-key/key-entry.html#x'), keyPolicy)).toEqual({ allowed: true });
  });

  it.each([
    // The right page on the chat origin: the origin check still applies.
    ['app://switchboard/key-entry.html', 'foreign origin'],
    // The right origin, any other page or the same page with a query.
    ['app://switchboard-key/', 'wrong page'],
    ['app://switchboard-key/index.html', 'wrong page'],
    ['app://switchboard-key/key-entry.html?x=1', 'wrong page'],
    ['app://switchboard-key/assets/key-entry.html', 'wrong page'],
    ['app://switchboard-key/KEY-ENTRY.html', 'wrong page'],
    ['app://switchboard-key/key-entry.html/', 'wrong page'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkSender(from(url), keyPolicy)).toEqual({ allowed: false, reason });
  });
});
