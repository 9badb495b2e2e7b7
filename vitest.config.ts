import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * WXT's test plugin points `wxt/browser` at a module that imports `wxt/testing`, whose index also
 * loads WXT's build tooling (its Vitest plugin, and with it Vite and the rest): about 2 s in
 * every test file, half the unit suite's time. This points it at the same fake browser through
 * a module of its own. Placed after WxtVitest: a later plugin's alias takes precedence.
 */
function fakeBrowserModule(): Plugin {
  const replacement = fileURLToPath(new URL('tests/support/mock-browser.ts', import.meta.url));
  return {
    name: 'switchboard:fake-browser-module',
    config: () => ({ resolve: { alias: [{ find: /^wxt\/browser$/, replacement }] } }),
  };
}

export default defineConfig({
  plugins: [WxtVitest(), fakeBrowserModule()],
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
    // Reads the locales once for the whole run (tests/support/messages.ts hands them out).
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // Vitest's default is one worker fewer than the cores: one on these two-core machines, where
    // the run then used little more than one core. Each file runs in its own process either way.
    maxWorkers: 2,
    // The machines are shared two-core boxes, and `npm test` runs this suite beside the browser
    // tests: a test can run ten times slower than alone (a 2 s property test took 21 s at a load
    // of 22). The slowest ordinary tests take about 7 s alone: 60 s leaves room, and a hung test
    // still fails. Tests that are heavy by design set their own, larger timeout.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // scripts/test-all.mjs (`npm test`) counts the tests from this report.
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
