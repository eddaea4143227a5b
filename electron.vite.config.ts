import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

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
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          'key-entry': resolve(root, 'renderer/key-entry.html'),
        },
      },
    },
  },
});
