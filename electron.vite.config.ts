import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { APP_LOCALES } from './common/i18n/locales';

const root = import.meta.dirname;

const AREA_INDEX = /\/common\/i18n\/messages\/[^/]+\/index\.ts$/;

/**
 * Renderer only (issue 19: page load → composer): a catalog area's index.ts, which imports all six
 * languages for main, becomes its English alone in the window's bundle. The window's text comes from
 * renderer/shared/i18n/catalog-loader.ts (English bundled, each other language a chunk loaded when
 * shown); the one path still through the area indexes is common/i18n/error-messages.ts, which reads
 * `.en` only. Any other language read through an index throws, so a renderer import of
 * common/i18n/catalogs.ts cannot silently show English where German was asked for.
 */
function englishAreaIndexes(): Plugin {
  return {
    name: 'switchboard:english-area-indexes',
    enforce: 'pre',
    load(id) {
      if (!AREA_INDEX.test(id.split('?')[0] ?? '')) return null;
      const others = APP_LOCALES.filter((locale) => locale !== 'en')
        .map(
          (locale) =>
            `get ${JSON.stringify(locale)}() { throw new Error('The window loads ${locale} through renderer/shared/i18n/catalog-loader.ts, not the area index.'); }`,
        )
        .join(',\n  ');
      return `import en from './en.json';\nexport default {\n  en,\n  ${others}\n};\n`;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(root, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot require files or node_modules: each must be one self-contained
      // CommonJS file, so dependencies are bundled in and entries share no chunks.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { chat: resolve(root, 'preload/chat.ts'), 'key-entry': resolve(root, 'preload/key-entry.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), englishAreaIndexes()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite turns minification off for the renderer (its defaults, node_modules/electron-vite
      // lib `minify: false`); Vite 8's own default for a page is Oxc. The window parses every byte of
      // the startup chunks before the composer can take a key (issue 19: page load → typing ≤ 250 ms),
      // and whitespace, comments and long local names are most of an unminified bundle. Only
      // `electron-vite build` minifies; the dev server serves modules as they are.
      minify: 'oxc',
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          'key-entry': resolve(root, 'renderer/key-entry.html'),
        },
      },
    },
  },
});
