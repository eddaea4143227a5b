import type { ElectronApplication } from '@playwright/test';

/**
 * Main's native save dialog, answered in main: `dialog.showSaveDialog` is replaced in the running app
 * so it resolves to `filePath` (the test's own temporary file) and records every call's options.
 *
 * What is recorded, and why it is the whole interface: Electron documents the method as
 * `dialog.showSaveDialog([window, ]options)` resolving to `{ canceled, filePath }` (docs/api/dialog.md
 * in electron/electron, HEAD 96f3996d8d3ce6e2fcfb86326fc4b953b53936fb):
 *
 *   * `window` [BaseWindow](base-window.md) (optional)
 *   * `options` Object
 *     * `defaultPath` string (optional) - Absolute directory path, absolute file
 *       path, or file name to use by default. …
 *     * `filters` [FileFilter[]](structures/file-filter.md) (optional)
 *   …
 *   The `window` argument allows the dialog to attach itself to a parent window, making it modal.
 *
 * and a FileFilter is `{ name: string, extensions: string[] }` (docs/api/structures/file-filter.md),
 * with "extensions without wildcards or dots (e.g. `'png'` is good but `'.png'` and `'*.png'` are
 * bad)" (docs/api/dialog.md, under showOpenDialog). So the options are the last argument, and a
 * parent window, when given, is the first of two.
 */
export interface SaveDialogCall {
  /** A parent window was passed, so the dialog was modal to it. */
  parented: boolean;
  title: string | null;
  defaultPath: string | null;
  filters: { name: string; extensions: string[] }[] | null;
}

interface StubGlobals {
  e2eSaveDialogCalls?: SaveDialogCall[];
}

/** Answers every save dialog of the running app with `filePath`; earlier recorded calls are dropped. */
export async function stubSaveDialog(app: ElectronApplication, filePath: string): Promise<void> {
  await app.evaluate(({ dialog }, target) => {
    const calls: SaveDialogCall[] = [];
    (globalThis as unknown as StubGlobals).e2eSaveDialogCalls = calls;
    dialog.showSaveDialog = ((...args: unknown[]) => {
      const options = (args[args.length - 1] ?? {}) as {
        title?: string;
        defaultPath?: string;
        filters?: { name: string; extensions: string[] }[];
      };
      calls.push({
        parented: args.length > 1,
        title: options.title ?? null,
        defaultPath: options.defaultPath ?? null,
        // A plain copy: the recorded value goes back to the test through Playwright's serialization.
        filters: options.filters
          ? options.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }))
          : null,
      });
      return Promise.resolve({ canceled: false, filePath: target });
    }) as typeof dialog.showSaveDialog;
  }, filePath);
}

/** The save dialogs main opened since `stubSaveDialog`, with their options. */
export async function saveDialogCalls(app: ElectronApplication): Promise<SaveDialogCall[]> {
  return app.evaluate(() => (globalThis as unknown as StubGlobals).e2eSaveDialogCalls ?? []);
}
