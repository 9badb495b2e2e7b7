/**
 * The store behind AdapterContext.checkpoint: one value per session in `storage.session`, written
 * in order, and only by the connection that is current (a torn-down one cannot overwrite its
 * successor's).
 */
import { createOrderedWrites } from '../lib/ordered-writes';
import type { Checkpoint, Logger } from './adapter';
import type { KeyValueArea } from './store';

export interface Checkpoints {
  /** The checkpoint a connection gets; its writes are dropped once `isCurrent()` is false. */
  forLink(isCurrent: () => boolean): Checkpoint;
  /** Forget the value (sign-in, sign-out). */
  clear(): void;
  /** Resolves when every write so far has settled. */
  flushed(): Promise<void>;
}

export function createCheckpoints(area: KeyValueArea, key: string, log: Logger): Checkpoints {
  const writes = createOrderedWrites((value: unknown) => area.set(key, value));
  return {
    forLink: (isCurrent) => ({
      get: () => writes.flushed().then(() => area.get(key)),
      set: (value) => (isCurrent() ? writes.write(value) : Promise.resolve()),
    }),
    clear: () =>
      void writes
        .write(null)
        .catch((error: unknown) => log.warn('could not clear the checkpoint', error)),
    flushed: () => writes.flushed(),
  };
}
