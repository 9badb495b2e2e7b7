/**
 * The in-page side of `npm run bench:detect`, bundled by esbuild into one script that the
 * benchmark adds to the generated CRM page at document start. It defines functions; the
 * benchmark calls one of them per page load, so that no measurement warms another one's caches.
 *
 * On loads that measure our full scan (`?start`) it also does what the content script does at
 * document_start where click-to-dial runs: it puts the highlight rule in before the page renders
 * (entrypoints/content.ts, `retainHighlightStyle`). Both must share this bundle's module state,
 * as they share the content script's.
 */
import { retainHighlightStyle } from '../../../utils/click-to-dial/highlight';
import { BENCH_GLOBAL, type BenchApi } from '../protocol';
import { floor, naive } from './baselines';
import { core, full } from './ours';

const api: BenchApi = { floor, naive, core, full };
Object.assign(globalThis, { [BENCH_GLOBAL]: api });

if (new URLSearchParams(location.search).has('start')) retainHighlightStyle(document, window);
