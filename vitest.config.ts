import { defineConfig } from 'vitest/config';

// Unit tests run in Node. Playwright specs (`*.spec.ts`) live under e2e/ and are not run here.
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
