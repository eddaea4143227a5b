import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { PRIVATE_FILE_MODE } from '../private-files/private-files';

/** The chat window's size and position, remembered across launches in `<userData>/window-state.json`. */
export const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(320).max(20_000),
  height: z.number().int().min(240).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A saved position is used only if enough of the window (a 100×50 patch of its title area) lands on
 * a display that exists now: a monitor unplugged since last time must not leave the window off-screen.
 */
export function isVisibleOn(state: Rect, displays: readonly Rect[]): boolean {
  const patch = { x: state.x + 20, y: state.y, width: 100, height: 50 };
  return displays.some(
    (d) =>
      patch.x >= d.x &&
      patch.y >= d.y &&
      patch.x + patch.width <= d.x + d.width &&
      patch.y + patch.height <= d.y + d.height,
  );
}

export async function loadWindowState(dir: string, displays: readonly Rect[]): Promise<WindowState | null> {
  try {
    const parsed = WindowStateSchema.safeParse(
      JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8')),
    );
    if (!parsed.success || !isVisibleOn(parsed.data, displays)) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export async function saveWindowState(dir: string, state: WindowState): Promise<void> {
  // write-file-atomic chmods to `mode` before the rename: 0600 whatever the umask or the old file's mode.
  await writeFileAtomic(join(dir, 'window-state.json'), `${JSON.stringify(state)}\n`, {
    mode: PRIVATE_FILE_MODE,
  });
}
