import { describe, expect, it, vi } from 'vitest';
import { createAttachmentImageCache, type Loaded } from './attachment-image-cache';

type Result<T> = Loaded<T, { message: string }>;

function setup(capacity = 2) {
  let n = 0;
  const created: string[] = [];
  const revoked: string[] = [];
  const cache = createAttachmentImageCache<{ message: string }>({
    capacity,
    createUrl: () => {
      const url = `blob:test/${++n}`;
      created.push(url);
      return url;
    },
    revokeUrl: (url) => revoked.push(url),
  });
  const load = vi.fn(async (): Promise<Result<Blob>> => ({ ok: true, value: new Blob(['x']) }));
  return { cache, load, created, revoked };
}

const url = (r: Result<string>) => (r.ok ? r.value : `error: ${r.error.message}`);

describe('attachment image cache', () => {
  it('loads each image once, however many ask for it at the same time', async () => {
    const { cache, load } = setup();
    const [a, b] = await Promise.all([cache.acquire('a', load), cache.acquire('a', load)]);
    expect(url(a)).toBe('blob:test/1');
    expect(url(b)).toBe('blob:test/1');
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.size()).toBe(1);
  });

  it('keeps at most `capacity` unused images, revoking the least recently used', async () => {
    const { cache, load, revoked } = setup(2);
    for (const key of ['a', 'b', 'c']) {
      await cache.acquire(key, load);
      cache.release(key);
    }
    expect(cache.size()).toBe(2);
    expect(revoked).toEqual(['blob:test/1']);
    // "b" is used again, so "c" is now the older of the two and goes first.
    await cache.acquire('b', load);
    cache.release('b');
    await cache.acquire('d', load);
    cache.release('d');
    expect(revoked).toEqual(['blob:test/1', 'blob:test/3']);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('never revokes an image that is still shown; it goes once released', async () => {
    const { cache, load, revoked } = setup(1);
    await cache.acquire('a', load);
    await cache.acquire('b', load);
    expect(revoked).toEqual([]);
    expect(cache.size()).toBe(2);
    cache.release('a');
    expect(revoked).toEqual(['blob:test/1']);
    expect(cache.size()).toBe(1);
  });

  it('does not keep a failure: the next ask tries again', async () => {
    const { cache, load } = setup();
    load.mockResolvedValueOnce({ ok: false, error: { message: 'gone' } });
    expect(url(await cache.acquire('a', load))).toBe('error: gone');
    expect(cache.size()).toBe(0);
    expect(url(await cache.acquire('a', load))).toBe('blob:test/1');
  });

  it('revokes everything on clear', async () => {
    const { cache, load, revoked } = setup();
    await cache.acquire('a', load);
    await cache.acquire('b', load);
    cache.clear();
    expect(revoked.sort()).toEqual(['blob:test/1', 'blob:test/2']);
    expect(cache.size()).toBe(0);
  });
});
