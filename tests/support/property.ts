/**
 * Property-based checks (fast-check) with the seed printed on failure and the number of generated
 * cases printed on success, named by target ("XiVO wire parser", "screen-pop templates"…), so a
 * run shows how many cases each target received and any failure can be replayed:
 * `FC_SEED=<seed> npx vitest run <file>`.
 */
import fc from 'fast-check';

export interface PropertyRun {
  /** Generated cases; a target's runs across the suite should add up to 10,000 or more. */
  numRuns: number;
  /** Reported with the count, e.g. "mutated frames". */
  label?: string;
}

/** `FC_SEED` replays a failed run; otherwise each run draws a fresh seed. */
export function propertySeed(): number {
  const fixed = process.env.FC_SEED;
  if (fixed !== undefined && fixed !== '' && Number.isFinite(Number(fixed))) return Number(fixed);
  return Math.floor(Math.random() * 0x7fffffff);
}

function failure(target: string, seed: number, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`${target}: property failed; replay with FC_SEED=${seed}\n${detail}`, {
    cause: error,
  });
}

function report(target: string, seed: number, run: PropertyRun): void {
  const what = run.label ? ` (${run.label})` : '';
  console.info(`[property] ${target}${what}: ${run.numRuns} cases passed, seed ${seed}`);
}

export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  target: string,
  property: fc.IProperty<Ts>,
  run: PropertyRun,
): void {
  const seed = propertySeed();
  try {
    fc.assert(property, { seed, numRuns: run.numRuns });
  } catch (error) {
    throw failure(target, seed, error);
  }
  report(target, seed, run);
}

export async function checkAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  target: string,
  property: fc.IAsyncProperty<Ts>,
  run: PropertyRun,
): Promise<void> {
  const seed = propertySeed();
  try {
    await fc.assert(property, { seed, numRuns: run.numRuns });
  } catch (error) {
    throw failure(target, seed, error);
  }
  report(target, seed, run);
}
