import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit tests: services and contract in Node, renderer components in jsdom.
// Playwright specs (`*.spec.ts`) live under e2e/ and are not run here.
export default defineConfig({
  plugins: [react()],
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'main/**/*.test.ts',
            'preload/**/*.test.ts',
            'common/**/*.test.ts',
            'e2e/**/*.test.ts',
            'bench/**/*.test.ts',
            'build/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/testing/setup.ts'],
        },
      },
    ],
  },
});
