import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAsset } from './resolve-asset';

const root = resolve('/srv/renderer');

describe('resolveAsset', () => {
  it('serves index.html for the root and files inside the bundle', () => {
    expect(resolveAsset(root, 'app://switchboard/')).toBe(resolve(root, 'index.html'));
    expect(resolveAsset(root, 'app://switchboard/assets/app-1.js')).toBe(resolve(root, 'assets/app-1.js'));
  });

  it.each(['app://switchboard/../../etc/passwd', 'app://switchboard/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the bundle (URL parsing collapses the dots)',
    (url) => {
      expect(resolveAsset(root, url)).toBe(resolve(root, 'etc/passwd'));
    },
  );

  it.each([
    'app://switchboard/assets/..%2f..%2f..%2fetc/passwd',
    'app://switchboard/a%5c..%5c..%5csecret',
    'app://switchboard/a%00.js',
    'app://other/index.html',
    'https://switchboard/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAsset(root, url)).toBeNull();
  });

  it('serves the key-entry page and the shared bundle on the key-entry host, and no other page', () => {
    expect(resolveAsset(root, 'app://switchboard-key/key-entry.html')).toBe(resolve(root, 'key-entry.html'));
    expect(resolveAsset(root, 'app://switchboard-key/assets/key-entry-1.js')).toBe(
      resolve(root, 'assets/key-entry-1.js'),
    );
    expect(resolveAsset(root, 'app://switchboard-key/')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard-key/index.html')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard-key/INDEX.HTML')).toBeNull();
  });

  it('does not serve the key-entry page (or any other page) on the chat host', () => {
    expect(resolveAsset(root, 'app://switchboard/key-entry.html')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/Key-Entry.HTML')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/assets/../key-entry.html')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/other.html')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/other.htm')).toBeNull();
    // Names Windows would still open as key-entry.html: trailing dots or spaces, an NTFS stream.
    expect(resolveAsset(root, 'app://switchboard/key-entry.html.')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/key-entry.html%20')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/key-entry.html::$DATA')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/KEY-EN~1.HTM')).toBeNull();
    expect(resolveAsset(root, 'app://switchboard/index.html')).toBe(resolve(root, 'index.html'));
  });

  it('knows the types it serves', () => {
    expect(mimeTypeFor('a.js')).toContain('javascript');
    expect(mimeTypeFor('index.html')).toContain('text/html');
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream');
  });
});
