/**
 * Object URLs of attachment images, keyed by SHA-256 (the bytes' identity, so the same picture in two
 * messages is loaded once). The data URL main sends becomes a Blob at once and only its `blob:` URL is
 * kept: a conversation with 200 images holds a few dozen URLs here, not 200 base64 strings in the JS
 * heap. Images on screen are pinned (acquire/release); of the others, at most `capacity` are kept and
 * the least recently used is revoked first. An image is never revoked while shown, so an `<img>` that
 * re-decodes (scrolled back, zoomed in the viewer) never finds its URL gone.
 */

/** Enough for a few screens of thumbnails either side of the one shown. */
export const DEFAULT_IMAGE_CACHE_CAPACITY = 48;

export interface AttachmentImageCacheOptions {
  capacity?: number;
  /** `URL.createObjectURL` in the window; a fake in tests (jsdom has none). */
  createUrl?: (blob: Blob) => string;
  revokeUrl?: (url: string) => void;
}

/** A load's outcome, shaped like the bridge's results (stores do not import the IPC layer). */
export type Loaded<T, E> = { ok: true; value: T } | { ok: false; error: E };

interface Entry {
  url: string;
  /** How many mounted images show it; 0: kept only as a cache, may be evicted. */
  refs: number;
}

export function createAttachmentImageCache<E>(options: AttachmentImageCacheOptions = {}) {
  const capacity = options.capacity ?? DEFAULT_IMAGE_CACHE_CAPACITY;
  const createUrl = options.createUrl ?? ((blob: Blob) => URL.createObjectURL(blob));
  const revokeUrl = options.revokeUrl ?? ((url: string) => URL.revokeObjectURL(url));
  // A Map iterates in insertion order: re-inserting an entry on use keeps the oldest first.
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Loaded<string, E>>>();

  const touch = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
  };

  /** Revokes unpinned entries, oldest first, until at most `capacity` remain (pinned ones stay). */
  const evict = () => {
    if (entries.size <= capacity) return;
    for (const [key, entry] of entries) {
      if (entries.size <= capacity) break;
      if (entry.refs > 0) continue;
      entries.delete(key);
      revokeUrl(entry.url);
    }
  };

  const pin = (key: string): Loaded<string, E> | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    entry.refs += 1;
    touch(key, entry);
    return { ok: true, value: entry.url };
  };

  return {
    /**
     * The image's object URL, loading it once if need be (concurrent asks share one load). A success
     * pins the image until `release(key)`; a failure is not kept, so the next ask tries again.
     */
    async acquire(key: string, load: () => Promise<Loaded<Blob, E>>): Promise<Loaded<string, E>> {
      const hit = pin(key);
      if (hit) return hit;
      let loading = pending.get(key);
      if (!loading) {
        loading = load().then((result): Loaded<string, E> => {
          pending.delete(key);
          if (!result.ok) return result;
          const url = createUrl(result.value);
          entries.set(key, { url, refs: 0 });
          return { ok: true, value: url };
        });
        pending.set(key, loading);
      }
      const result = await loading;
      if (!result.ok) return result;
      // Pinned before anything can evict it: eviction runs only here and in release.
      const pinned = pin(key) ?? result;
      evict();
      return pinned;
    },

    /** One shown image is gone (unmounted): unpinned, it may now be evicted. */
    release(key: string): void {
      const entry = entries.get(key);
      if (!entry) return;
      entry.refs = Math.max(0, entry.refs - 1);
      evict();
    },

    size(): number {
      return entries.size;
    },

    /** Revokes every URL (the window is going away, or a test is done). */
    clear(): void {
      for (const entry of entries.values()) revokeUrl(entry.url);
      entries.clear();
    },
  };
}

export type AttachmentImageCache<E> = ReturnType<typeof createAttachmentImageCache<E>>;
