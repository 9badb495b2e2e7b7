import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'utils/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/conformance/**/*.test.ts',
      'tests/property/**/*.test.ts',
      'tests/simulators/**/*.test.ts',
      'relay/**/*.test.ts',
    ],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // The machines are shared two-core boxes, where a test can run four times slower than alone
    // (the numbering oracle's 1.4 s took 5.8 s under load, past vitest's 5 s default). The slowest
    // ordinary test takes about 2 s alone: 20 s leaves room, and a hung test still fails.
    // Tests that are heavy by design set their own, larger timeout.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // scripts/test-all.mjs (`npm test`) counts the tests from this report.
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
