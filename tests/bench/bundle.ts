/**
 * Bundles the in-page measurement code (tests/bench/page/entry.ts) with esbuild when the
 * benchmark starts. It imports click-to-dial from utils/, so every run measures the source as it
 * is, not a copy. Minified like the extension's build (syntax and whitespace; names are kept so
 * that a profile of the page stays readable).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./page/entry.ts', import.meta.url));
export async function bundlePageCode(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bundle for tests/bench/page/entry.ts');
  return output.text;
}
