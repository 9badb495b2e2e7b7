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
      'tests/simulators/**/*.test.ts',
      'relay/**/*.test.ts',
    ],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // scripts/test-all.mjs (`npm test`) counts the tests from this report.
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
