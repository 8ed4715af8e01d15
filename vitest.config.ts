import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Also compile .cts sources (src/lazy-parser.cts), which Vite leaves alone by default.
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
