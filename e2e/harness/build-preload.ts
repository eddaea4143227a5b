import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/** Bundles a harness page preload into one classic script (IIFE), returned as text. */
export async function buildPagePreload(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, entry), formats: ['iife'], name: 'harnessPreload' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  for (const result of results) {
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error(`harness preload ${entry} produced no code`);
}
