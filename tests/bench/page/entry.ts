/**
 * The in-page side of `npm run bench:detect`, bundled by esbuild into one script that the
 * benchmark adds to the generated CRM page after it has loaded. It only defines functions; the
 * benchmark calls one of them per page load, so that no measurement warms another one's caches.
 */
import { BENCH_GLOBAL, type BenchApi } from '../protocol';
import { floor, naive } from './baselines';
import { core, full } from './ours';

const api: BenchApi = { floor, naive, core, full };
Object.assign(globalThis, { [BENCH_GLOBAL]: api });
