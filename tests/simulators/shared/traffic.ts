/**
 * What the three simulators' demo traffic has in common: a seeded random source (so every demo
 * run shows the same sequence), the realistic callers they draw from, and the loop that places a
 * call every interval. Each vendor keeps its own pool order, queues and call timings, since those
 * decide the seeded sequence a demo shows.
 */
import { mulberry32 } from '../../support/random';

/** A caller the demo rings with; `lang` feeds vendors that attach a language to the call. */
export interface Caller {
  readonly from: string;
  readonly name: string;
  readonly lang: string;
}

/**
 * The people the simulators' caller pools are built from. Named rather than listed so that each
 * vendor picks its own subset in its own order (and overrides a number where its pool differs).
 */
export const PEOPLE = {
  camille: { from: '+33142685300', name: 'Camille Dubois', lang: 'fr' },
  oliver: { from: '+442079460958', name: 'Oliver Smith', lang: 'en' },
  lena: { from: '+4930901820', name: 'Lena Müller', lang: 'de' },
  lucia: { from: '+34911234567', name: 'Lucía García', lang: 'es' },
  daan: { from: '+31201234567', name: 'Daan de Vries', lang: 'nl' },
  joao: { from: '+351213456789', name: 'João Silva', lang: 'pt' },
  jane: { from: '+14155550123', name: 'Jane Black', lang: 'en' },
  emile: { from: '+16135550188', name: 'Émile Tremblay', lang: 'fr' },
  giulia: { from: '+390612345678', name: 'Giulia Rossi', lang: 'it' },
  liam: { from: '+61291234567', name: "Liam O'Connor", lang: 'en' },
} as const satisfies Record<string, Caller>;

/** Seeded, so every demo run shows the same sequence. */
export const prng = mulberry32;

/** One item of `list`, drawn with `random` (one draw, so seeded sequences stay as they were). */
export function pick<T>(random: () => number, list: readonly T[]): T | undefined {
  return list[Math.floor(random() * list.length)];
}

export interface TrafficLoop {
  readonly running: boolean;
  /** The interval of the last start (or the initial one): restarts resume at the same pace. */
  readonly intervalMs: number;
  /** (Re)starts the loop; without an argument it keeps the current interval. */
  start(intervalMs?: number): void;
  stop(): void;
}

/**
 * Calls `placeCall` every interval until stopped. Whether a call is due (line free, etc.) is the
 * vendor's decision inside `placeCall`, since each simulator knows "busy" differently.
 */
export function createTraffic(opts: { intervalMs: number; placeCall: () => void }): TrafficLoop {
  let timer: ReturnType<typeof setInterval> | undefined;
  let intervalMs = opts.intervalMs;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return {
    get running() {
      return timer !== undefined;
    },
    get intervalMs() {
      return intervalMs;
    },
    start(ms = intervalMs) {
      stop();
      intervalMs = ms;
      timer = setInterval(opts.placeCall, ms);
    },
    stop,
  };
}
