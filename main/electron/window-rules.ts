import { originOf } from '../ipc/sender-policy';
import { APP_ORIGIN, KEY_ENTRY_ORIGIN, KEY_ENTRY_PATH } from '../protocol/resolve-asset';

/** The kinds of window main creates; `null` is any web contents main did not create as one of them. */
export type WindowKind = 'chat' | 'key-entry';

/**
 * Where a window of each kind may be (plain code, no Electron: the glue asks it on every
 * `will-navigate`, `will-redirect` and main-frame `will-frame-navigate`). The chat window may be
 * anywhere on its own origin (a reload, `/`); the key-entry window only at its one page, without a
 * query; a web contents main did not create — a devtools page, anything a future bug opens — nowhere.
 */
export function mayNavigateTo(kind: WindowKind | null, url: string): boolean {
  if (kind === null) return false;
  const origin = originOf(url);
  if (kind === 'chat') return origin === APP_ORIGIN;
  if (origin !== KEY_ENTRY_ORIGIN) return false;
  try {
    const parsed = new URL(url);
    return parsed.pathname === KEY_ENTRY_PATH && parsed.search === '';
  } catch {
    return false;
  }
}
