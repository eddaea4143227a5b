import { describe, expect, it } from 'vitest';
import { mayNavigateTo } from './window-rules';

describe('mayNavigateTo: each window kind has its own place', () => {
  it('the chat window may be anywhere on app://switchboard, and nowhere else', () => {
    for (const url of [
      'app://switchboard/index.html',
      'app://switchboard/',
      'app://switchboard/index.html#x',
    ]) {
      expect(mayNavigateTo('chat', url), url).toBe(true);
    }
    for (const url of [
      'app://switchboard-key/key-entry.html',
      'app://switchboard.evil/index.html',
      'app://switchboardx/',
      'app://evil/app://switchboard/',
      'https://switchboard/index.html',
      'https://evil.example/',
      'file:///etc/passwd',
      'data:text/html,<p>x</p>',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
    ]) {
      expect(mayNavigateTo('chat', url), url).toBe(false);
    }
  });

  it('the key-entry window may be only at app://switchboard-key/key-entry.html', () => {
    expect(mayNavigateTo('key-entry', 'app://switchboard-key/key-entry.html')).toBe(true);
    for (const url of [
      'app://switchboard/index.html',
      'app://switchboard/key-entry.html',
      'app://switchboard-key/',
      'app://switchboard-key/index.html',
      'app://switchboard-key/key-entry.html?next=1',
      'app://switchboard-key/assets/x.js',
      'https://evil.example/key-entry.html',
      'about:blank',
    ]) {
      expect(mayNavigateTo('key-entry', url), url).toBe(false);
    }
  });

  it('a web contents that is no window of ours may go nowhere, not even to our pages', () => {
    for (const url of [
      'app://switchboard/index.html',
      'app://switchboard-key/key-entry.html',
      'about:blank',
    ]) {
      expect(mayNavigateTo(null, url), url).toBe(false);
    }
  });
});
